import { analyticsFlowChoices } from '../../analytics/analytics-flows.ts';
import {
  BreakdownInputSchema,
  DrillDownInputSchema,
  KpisInputSchema,
  SeriesInputSchema,
} from '../../analytics/analytics-inputs.ts';
import { kpiBreakdown, kpiDrillDown, kpis, series } from '../../analytics/analytics-service.ts';
import {
  AnalyticsTargetsSchema,
  readAnalyticsTargets,
  writeAnalyticsTargets,
} from '../../analytics/analytics-targets.ts';
import { auditCall } from '../../audit/audit-log.ts';
import { ROLES } from '../../auth/roles.ts';
import { procedure, router } from '../trpc.ts';

/**
 * The KPI dashboard's procedures (issue 14, item 2). The answers' shapes are
 * documented in analytics/analytics-service.ts (KpisAnswer, SeriesAnswer,
 * BreakdownAnswer, DrillDownAnswer); the formulas in docs/kpis.md. A range is
 * [from, to) of at most 366 days; a reversed or longer range, an unknown team
 * or flow, and a range of more than 50,000 tickets are translated errors.
 */
export const analyticsRouter = router({
  /** Every KPI over the range, with the previous period of the same length, the change and the target. */
  kpis: procedure
    .meta({ roles: ROLES.analyticsReaders })
    .input(KpisInputSchema)
    .query(({ ctx, input }) => kpis(ctx.services, input)),

  /** One KPI per local hour (up to 31 days), day or week. */
  series: procedure
    .meta({ roles: ROLES.analyticsReaders })
    .input(SeriesInputSchema)
    .query(({ ctx, input }) => series(ctx.services, input)),

  /** One KPI per channel, category, team or agent (the agent holding the ticket). */
  breakdown: procedure
    .meta({ roles: ROLES.analyticsReaders })
    .input(BreakdownInputSchema)
    .query(({ ctx, input }) => kpiBreakdown(ctx.services, input)),

  /** The tickets behind a number, marked when counted in it; contacts masked like every answer. */
  drillDown: procedure
    .meta({ roles: ROLES.analyticsReaders })
    .input(DrillDownInputSchema)
    .query(({ ctx, input }) => kpiDrillDown(ctx.services, input)),

  /** The flows the flow filter offers, by name only: analytics readers who may not read flows (supervisors) pick one too. */
  flows: procedure
    .meta({ roles: ROLES.analyticsReaders })
    .query(({ ctx }) => analyticsFlowChoices(ctx.services.store)),

  /** The workspace's KPI targets, in each KPI's unit. */
  targets: procedure
    .meta({ roles: ROLES.analyticsReaders })
    .query(({ ctx }) => readAnalyticsTargets(ctx.services.store)),

  /** Replaces the targets (a KPI left out has none); audited. */
  saveTargets: procedure
    .meta({ roles: ROLES.admins })
    .input(AnalyticsTargetsSchema)
    .mutation(async ({ ctx, input }) => {
      const saved = await writeAnalyticsTargets(ctx.services.store, input, ctx.services.clock.now());
      await auditCall(ctx, 'analytics.targets_saved', 'analytics.targets', {
        kpis: Object.keys(saved).join(','),
      });
      return saved;
    }),
});
