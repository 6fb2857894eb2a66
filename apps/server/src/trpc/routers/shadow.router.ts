import { hasErrors } from '@flowdesk/model';
import { z } from 'zod';
import { auditCall, auditCallEntry } from '../../audit/audit-log.ts';
import { ROLES } from '../../auth/roles.ts';
import { loadFlow, problemDetails } from '../../flows/flow-documents.ts';
import { lintInWorkspace } from '../../flows/flow-lint.ts';
import { AppError } from '../../http/app-error.ts';
import { SHADOW_RUN_MAX_REQUESTS, type ShadowSelection } from '../../runtime/shadow-run/shadow-run.ts';
import type { StoredShadowReport } from '../../runtime/shadow-run/shadow-stored-report.ts';
import { VersionNumber } from '../inputs.ts';
import { criticalFlowIds, setFlowCritical } from '../shadow-guard.ts';
import { actorOf, procedure, router } from '../trpc.ts';

/**
 * Shadow runs (issue 18): replay a flow's past requests on its live version
 * and its draft, in the background, and read the impact report. Who may
 * publish may run them. Reports are answered masked like any execution trace.
 */

const FlowId = z.string().min(1).max(200);
const RunId = z.strictObject({ runId: z.string().min(1).max(200) });

// The limit is checked by the run itself so that "above the limit" is a translated refusal, not a schema error.
const StartInput = z
  .strictObject({
    flowId: FlowId,
    last: z.number().int().min(1).max(1_000_000).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((input) => (input.from === undefined) === (input.to === undefined), {
    message: 'from and to go together',
    path: ['to'],
  });

function selectionOf(input: z.infer<typeof StartInput>): ShadowSelection {
  if (input.from !== undefined && input.to !== undefined) {
    return {
      from: new Date(input.from).toISOString(),
      to: new Date(input.to).toISOString(),
      ...(input.last !== undefined ? { last: input.last } : {}),
    };
  }
  return { last: input.last ?? 500 };
}

export const shadowRouter = router({
  /** Starts a shadow run of the flow's current draft; refusals (lint errors, no live version, no history, over the limit) are translated. */
  start: procedure
    .meta({ roles: ROLES.flowEditors, contacts: 'none' })
    .input(StartInput)
    .mutation(async ({ ctx, input }) => {
      const { store } = ctx.services;
      const flow = await loadFlow(store, input.flowId);
      const problems = await lintInWorkspace(store, flow.draft);
      if (hasErrors(problems)) {
        throw new AppError('precondition_failed', 'shadow_blocked', {
          params: { count: problems.filter((problem) => problem.severity === 'error').length },
          details: problemDetails(problems, flow.draft),
        });
      }
      const live = await store.versions.latest(flow.id);
      if (!live) throw new AppError('precondition_failed', 'shadow_no_live_version');
      const view = await ctx.services.shadowRuns.start({
        flowId: flow.id,
        live: { version: live.version, graph: live.graph },
        draft: flow.draft,
        draftRevision: flow.draftRevision,
        selection: selectionOf(input),
        by: actorOf(ctx).id,
      });
      await auditCall(ctx, 'flow.shadow_run', `flow:${flow.id}`, {
        runId: view.runId,
        liveVersion: live.version,
        draftRevision: flow.draftRevision,
        requests: view.total,
      });
      return { ...view, max: SHADOW_RUN_MAX_REQUESTS };
    }),

  progress: procedure
    .meta({ roles: ROLES.flowEditors, contacts: 'none' })
    .input(RunId)
    .query(async ({ ctx, input }) => {
      // Any replica answers from the store; a run whose process is gone reads interrupted.
      const view = await ctx.services.shadowRuns.get(input.runId);
      if (view) return view;
      // A run stored before runs were kept (only its report is): the report answers.
      const stored = await ctx.services.store.shadowReports.get(input.runId);
      if (!stored) throw new AppError('not_found', 'shadow_run_not_found', { params: { id: input.runId } });
      const report = stored.report as unknown as StoredShadowReport;
      return {
        runId: stored.id,
        flowId: stored.flowId,
        status: report.coverage.cancelled ? ('cancelled' as const) : ('finished' as const),
        done: report.coverage.found,
        total: report.coverage.found,
        reportId: stored.id,
        requestedBy: stored.createdBy,
        startedAt: stored.createdAt,
        error: null,
      };
    }),

  cancel: procedure
    .meta({ roles: ROLES.flowEditors, contacts: 'none' })
    .input(RunId)
    .mutation(async ({ ctx, input }) => {
      const view = await ctx.services.shadowRuns.cancel(input.runId);
      if (!view) throw new AppError('not_found', 'shadow_run_not_found', { params: { id: input.runId } });
      return view;
    }),

  /** The stored report with the traces of changed requests; contacts masked for every role as in traces. */
  report: procedure
    .meta({ roles: ROLES.flowReaders })
    .input(RunId)
    .query(async ({ ctx, input }) => {
      const stored = await ctx.services.store.shadowReports.get(input.runId);
      if (!stored) {
        if ((await ctx.services.shadowRuns.get(input.runId))?.status === 'running') {
          throw new AppError('precondition_failed', 'shadow_run_not_finished');
        }
        throw new AppError('not_found', 'shadow_run_not_found', { params: { id: input.runId } });
      }
      const flow = await loadFlow(ctx.services.store, stored.flowId);
      const { report, ...rest } = stored;
      return {
        ...rest,
        ...(report as unknown as StoredShadowReport),
        /** Whether the draft is still the one that was replayed (the report can go with a publish). */
        current: flow.draftRevision === stored.draftRevision,
      };
    }),

  /** The report a published version went out with, or null. */
  forVersion: procedure
    .meta({ roles: ROLES.flowReaders })
    .input(z.strictObject({ flowId: FlowId, version: VersionNumber }))
    .query(async ({ ctx, input }) => {
      const stored = await ctx.services.store.shadowReports.forVersion(input.flowId, input.version);
      if (!stored) return null;
      const { report, ...rest } = stored;
      return { ...rest, ...(report as unknown as StoredShadowReport) };
    }),

  /** Whether publishing the flow needs a shadow run of its draft. */
  guard: procedure
    .meta({ roles: ROLES.flowReaders, contacts: 'none' })
    .input(z.strictObject({ flowId: FlowId }))
    .query(async ({ ctx, input }) => ({
      critical: (await criticalFlowIds(ctx.services.store)).has(input.flowId),
    })),

  /** Admins mark a flow critical: from then on it is published only with a shadow run of its draft. Audited. */
  setCritical: procedure
    .meta({ roles: ROLES.admins, contacts: 'none' })
    .input(z.strictObject({ flowId: FlowId, critical: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const { store, clock } = ctx.services;
      const flow = await loadFlow(store, input.flowId);
      const entry = auditCallEntry(ctx, 'flow.shadow_guard', `flow:${flow.id}`, {
        name: flow.name,
        critical: input.critical,
      });
      const { changed } = await setFlowCritical(
        store,
        flow.id,
        input.critical,
        clock.now().toISOString(),
        entry,
      );
      return { critical: input.critical, changed };
    }),
});
