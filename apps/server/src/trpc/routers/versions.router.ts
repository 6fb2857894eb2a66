import { type FlowGraph, hasErrors, text } from '@flowdesk/model';
import type { Store } from '@flowdesk/store';
import { z } from 'zod';
import { auditCall } from '../../audit/audit-log.ts';
import { ROLES } from '../../auth/roles.ts';
import { loadFlow, problemDetails } from '../../flows/flow-documents.ts';
import { lintInWorkspace } from '../../flows/flow-lint.ts';
import { AppError } from '../../http/app-error.ts';
import { diffFlows } from '../../versions/flow-diff.ts';
import { NoteInput, VersionNumber } from '../inputs.ts';
import { failingTestCases, OverrideInput, versionNoteWithOverride } from '../test-case-gate.ts';
import { actorOf, procedure, router } from '../trpc.ts';

/** Published versions: immutable, numbered 1, 2, 3… per flow. */

const FlowInput = z.strictObject({ flowId: z.string().min(1).max(200) });
const VersionRef = z.union([VersionNumber, z.literal('draft')]);

async function loadVersion(store: Store, flowId: string, version: number) {
  const found = await store.versions.get(flowId, version);
  if (!found) throw new AppError('not_found', 'version_not_found', { params: { version } });
  return found;
}

async function graphOf(store: Store, flowId: string, ref: z.infer<typeof VersionRef>): Promise<FlowGraph> {
  if (ref === 'draft') return (await loadFlow(store, flowId)).draft;
  return (await loadVersion(store, flowId, ref)).graph;
}

export const versionsRouter = router({
  /** Newest first, without graphs: the history list stays light. */
  list: procedure
    .meta({ roles: ROLES.flowReaders, contacts: 'none' })
    .input(FlowInput)
    .query(async ({ ctx, input }) => {
      const { store } = ctx.services;
      await loadFlow(store, input.flowId);
      const versions = await store.versions.list(input.flowId);
      return versions.map(({ graph: _graph, ...rest }) => rest);
    }),

  get: procedure
    .meta({ roles: ROLES.flowReaders, contacts: 'none' })
    .input(FlowInput.extend({ version: VersionNumber }))
    .query(({ ctx, input }) => loadVersion(ctx.services.store, input.flowId, input.version)),

  /** Between two versions, or a version and the current draft ('draft'). */
  diff: procedure
    .meta({ roles: ROLES.flowReaders, contacts: 'none' })
    .input(FlowInput.extend({ from: VersionRef, to: VersionRef }))
    .query(async ({ ctx, input }) => {
      const { store } = ctx.services;
      const [from, to] = await Promise.all([
        graphOf(store, input.flowId, input.from),
        graphOf(store, input.flowId, input.to),
      ]);
      return { from: input.from, to: input.to, ...diffFlows(from, to) };
    }),

  /**
   * Publishes an old version's graph as a new version. The draft is left alone on
   * purpose: someone may be mid-edit, and a rollback is about what runs, not about
   * what is being drawn. The old graph must still pass lint (rules may have grown
   * stricter since), so every published version keeps the same guarantee.
   */
  rollback: procedure
    .meta({ roles: ROLES.flowEditors, contacts: 'none' })
    .input(
      FlowInput.extend({
        version: VersionNumber,
        note: NoteInput.optional(),
        override: OverrideInput.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { store, clock } = ctx.services;
      const old = await loadVersion(store, input.flowId, input.version);
      const problems = await lintInWorkspace(store, old.graph);
      if (hasErrors(problems)) {
        throw new AppError('precondition_failed', 'publish_blocked', {
          params: { count: problems.filter((problem) => problem.severity === 'error').length },
          details: problemDetails(problems, old.graph),
        });
      }
      // The same gate as publishing: the flow's saved test cases must pass on the old graph, or an admin overrides.
      const failing = await failingTestCases(ctx, input.flowId, old.graph, input.override !== undefined);
      const overrideNote = failing.length > 0 ? input.override?.note : undefined;
      // The default note is written in the language of whoever rolled back: it is their entry in the history.
      const given = input.note?.trim()
        ? input.note
        : text(`回滚到版本 ${input.version}`, `Rollback to version ${input.version}`)[ctx.locale];
      const note = overrideNote ? versionNoteWithOverride(given, overrideNote, ctx.locale) : given;
      const published = await store.versions.publish(
        input.flowId,
        old.graph,
        note,
        actorOf(ctx).id,
        clock.now().toISOString(),
      );
      ctx.services.runtime.flowsChanged();
      await auditCall(ctx, 'flow.rollback', `flow:${input.flowId}`, {
        version: published.version,
        rolledBackTo: input.version,
        ...(overrideNote ? { overrideNote, failingCases: failing.map((result) => result.name) } : {}),
      });
      return { version: published.version, rolledBackTo: input.version, publishedAt: published.publishedAt };
    }),
});
