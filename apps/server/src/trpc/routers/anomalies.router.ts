import { ANOMALY_SETTINGS_KEY, AnomalySettingsSchema, readAnomalySettings } from '@flowdesk/desk';
import { ANOMALY_SERIES, type LocalizedText } from '@flowdesk/model';
import { ANOMALY_LIST_MAX_LIMIT, ANOMALY_STATUSES, type Anomaly, type Store } from '@flowdesk/store';
import { z } from 'zod';
import { DEFAULT_WORKSPACE_ID } from '../../app-deps.ts';
import { auditCall } from '../../audit/audit-log.ts';
import { ROLES } from '../../auth/roles.ts';
import { AppError } from '../../http/app-error.ts';
import { actorOf, procedure, router } from '../trpc.ts';

/** One stored anomaly as the dashboard shows it: the series named in both languages. */
export interface AnomalyView extends Omit<Anomaly, 'workspaceId'> {
  seriesLabel: LocalizedText;
}

function present(anomaly: Anomaly): AnomalyView {
  const { workspaceId: _workspace, ...rest } = anomaly;
  const label = ANOMALY_SERIES.labels[anomaly.seriesKind as keyof typeof ANOMALY_SERIES.labels];
  return { ...rest, seriesLabel: label ?? { 'zh-CN': anomaly.seriesKind, en: anomaly.seriesKind } };
}

/** The conflict of a second acknowledgement, naming the first one's person and time. */
async function alreadyAcknowledged(store: Store, anomaly: Anomaly): Promise<AppError> {
  const by = anomaly.ackedBy ? ((await store.users.get(anomaly.ackedBy))?.name ?? anomaly.ackedBy) : '';
  return new AppError('conflict', 'anomaly_already_acknowledged', {
    pointer: '/id',
    params: { by, at: anomaly.ackedAt ?? '' },
  });
}

const ListInput = z
  .strictObject({
    status: z.enum(ANOMALY_STATUSES).optional(),
    /** Hours at or after this. */
    from: z.iso.datetime({ offset: true }).optional(),
    /** Hours before this. */
    to: z.iso.datetime({ offset: true }).optional(),
    limit: z.number().int().min(1).max(ANOMALY_LIST_MAX_LIMIT).optional(),
  })
  .default({});

/**
 * The anomaly early warning (issue 14, item 5): what the hourly detector
 * stored, newest hour first, for the dashboard; acknowledging one; and the
 * detector's thresholds, which only admins read and change.
 */
export const anomaliesRouter = router({
  /** `{ items: AnomalyView[] }`, newest hour first, then highest score. */
  list: procedure
    .meta({ roles: ROLES.analyticsReaders })
    .input(ListInput)
    .query(async ({ ctx, input }) => {
      if (input.from && input.to && Date.parse(input.from) >= Date.parse(input.to)) {
        throw new AppError('bad_request', 'anomaly_range_reversed', { pointer: '/to' });
      }
      const items = await ctx.services.store.anomalies.list({
        workspaceId: DEFAULT_WORKSPACE_ID,
        ...(input.status ? { status: input.status } : {}),
        ...(input.from ? { from: input.from } : {}),
        ...(input.to ? { to: input.to } : {}),
        ...(input.limit ? { limit: input.limit } : {}),
      });
      return { items: items.map(present) };
    }),

  /**
   * Marks an anomaly seen (someone is on it); the first person to do so stays recorded. Audited.
   * Acknowledged already (by anyone, or by two clicks racing): a translated conflict naming who and
   * when, nothing changes and nothing is audited, as a survey answer's second review.
   */
  acknowledge: procedure
    .meta({ roles: ROLES.supervisors })
    .input(z.strictObject({ id: z.string().min(1).max(100) }))
    .mutation(async ({ ctx, input }) => {
      const user = actorOf(ctx);
      const { store } = ctx.services;
      const existing = await store.anomalies.get(input.id);
      if (!existing || existing.workspaceId !== DEFAULT_WORKSPACE_ID) {
        throw new AppError('not_found', 'anomaly_not_found', { params: { id: input.id }, pointer: '/id' });
      }
      if (existing.status !== 'open') throw await alreadyAcknowledged(store, existing);
      const at = ctx.services.clock.now().toISOString();
      const acked = await store.anomalies.acknowledge(input.id, user.id, at);
      // Only an open anomaly changes; someone else's acknowledgement in between wins.
      if (
        !acked ||
        acked.ackedBy !== user.id ||
        acked.ackedAt === null ||
        Date.parse(acked.ackedAt) !== Date.parse(at)
      ) {
        throw await alreadyAcknowledged(store, acked ?? existing);
      }
      await auditCall(ctx, 'anomaly.acknowledged', input.id, {
        series: existing.seriesKind,
        key: existing.seriesKey,
      });
      return present(acked);
    }),

  /** The detector's thresholds, with the defaults filled in. */
  settings: procedure
    .meta({ roles: ROLES.admins })
    .query(async ({ ctx }) =>
      readAnomalySettings(await ctx.services.store.workspaceSettings.get(ANOMALY_SETTINGS_KEY)),
    ),

  /** Replaces the thresholds; a value out of range changes nothing. Audited. */
  saveSettings: procedure
    .meta({ roles: ROLES.admins })
    .input(AnomalySettingsSchema)
    .mutation(async ({ ctx, input }) => {
      await ctx.services.store.workspaceSettings.set(
        ANOMALY_SETTINGS_KEY,
        input,
        ctx.services.clock.now().toISOString(),
      );
      await auditCall(ctx, 'anomaly.settings_saved', ANOMALY_SETTINGS_KEY, {
        enabled: input.enabled,
        minScore: input.minScore,
        minVolume: input.minVolume,
        baselineWeeks: input.baselineWeeks,
      });
      return input;
    }),
});
