import { hasErrors, text } from '@flowdesk/model';
import { z } from 'zod';
import { DEFAULT_WORKSPACE_ID } from '../../app-deps.ts';
import { auditCall } from '../../audit/audit-log.ts';
import { ROLES } from '../../auth/roles.ts';
import {
  draftConflict,
  loadFlow,
  problemDetails,
  readFlowInput,
  toFlowFile,
} from '../../flows/flow-documents.ts';
import { lintInWorkspace } from '../../flows/flow-lint.ts';
import { liveFlowsInOrder, triggerOfGraph } from '../../flows/live-flows.ts';
import { publishOverlaps, type TriggerOfFlow } from '../../flows/trigger-overlap.ts';
import { AppError } from '../../http/app-error.ts';
import { FlowIdInput, NoteInput, VersionNumber } from '../inputs.ts';
import { attachableReport } from '../shadow-guard.ts';
import { failingTestCases, OverrideInput, versionNoteWithOverride } from '../test-case-gate.ts';
import { actorOf, procedure } from '../trpc.ts';

/**
 * The procedures that move a draft towards production: lint, publish, and flow
 * files. Spread into the flows router so the client sees one `flows` namespace.
 */

const LintInput = z.union([FlowIdInput, z.strictObject({ graph: z.unknown() })]);

export const flowPublishingProcedures = {
  /**
   * For the publish dialog: the other live flows that would also start on the
   * requests this draft's trigger takes, and an earlier exclusive flow that
   * would take all of them first. Conservative: flows are listed unless their
   * triggers provably exclude each other.
   */
  overlaps: procedure
    .meta({ roles: ROLES.flowReaders, contacts: 'none' })
    .input(FlowIdInput)
    .query(async ({ ctx, input }) => {
      const flow = await loadFlow(ctx.services.store, input.id);
      const subject = triggerOfGraph(flow.id, flow.name, flow.draft);
      if (!subject) return { hiddenBy: null, alsoStart: [] };
      const { live, indexOf } = await liveFlowsInOrder(ctx.services.store, DEFAULT_WORKSPACE_ID);
      const others = live.filter((entry) => entry.flowId !== flow.id);
      const triggers = others.flatMap((entry): TriggerOfFlow[] => (entry.trigger ? [entry.trigger] : []));
      const subjectIndex = triggers.filter((trigger) => indexOf(trigger.flowId) < indexOf(flow.id)).length;
      return publishOverlaps(subject, triggers, subjectIndex);
    }),

  /** Lints the stored draft, or a graph the editor has not saved yet. */
  lint: procedure
    .meta({ roles: ROLES.flowReaders, contacts: 'none' })
    .input(LintInput)
    .query(async ({ ctx, input }) => {
      const graph =
        'id' in input
          ? (await loadFlow(ctx.services.store, input.id)).draft
          : readFlowInput(input.graph).graph;
      const problems = await lintInWorkspace(ctx.services.store, graph);
      return { ok: !hasErrors(problems), problems, details: problemDetails(problems, graph) };
    }),

  /**
   * Publishes the draft as the next immutable version. With expectedRevision the
   * editor publishes exactly what it shows; a newer save elsewhere is a CONFLICT.
   * The flow's saved test cases run against the draft first; while one fails,
   * publishing is refused unless an admin overrides with a note, which goes into
   * the audit entry and the version's note.
   */
  publish: procedure
    .meta({ roles: ROLES.flowEditors, contacts: 'none' })
    .input(
      FlowIdInput.extend({
        note: NoteInput.default(''),
        expectedRevision: z.number().int().min(1).optional(),
        override: OverrideInput.optional(),
        /** A shadow run of this draft (issue 18): stored with the version; required for a critical flow. */
        shadowReportId: z.string().min(1).max(200).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { store, clock } = ctx.services;
      const flow = await loadFlow(store, input.id);
      if (flow.archivedAt) throw new AppError('precondition_failed', 'flow_archived');
      if (input.expectedRevision !== undefined && input.expectedRevision !== flow.draftRevision) {
        throw await draftConflict(store, {
          revision: flow.draftRevision,
          updatedBy: flow.updatedBy,
          updatedAt: flow.updatedAt,
        });
      }
      const problems = await lintInWorkspace(store, flow.draft);
      if (hasErrors(problems)) {
        const errors = problems.filter((problem) => problem.severity === 'error');
        throw new AppError('precondition_failed', 'publish_blocked', {
          params: { count: errors.length },
          details: problemDetails(problems, flow.draft),
        });
      }
      const failing = await failingTestCases(ctx, flow.id, flow.draft, input.override !== undefined);
      const shadowReportId = await attachableReport(store, flow, input.shadowReportId).catch(
        async (error: unknown) => {
          if (error instanceof AppError && error.code === 'shadow_required') {
            await auditCall(
              ctx,
              'flow.publish',
              `flow:${flow.id}`,
              { name: flow.name, guard: 'shadow_required' },
              'denied',
            );
          }
          throw error;
        },
      );
      const overrideNote = failing.length > 0 ? input.override?.note : undefined;
      const note = overrideNote ? versionNoteWithOverride(input.note, overrideNote, ctx.locale) : input.note;
      // The version and its report commit together: never a version without the report it was published
      // with, nor a report marked used by a version that does not exist.
      const version = await store.transaction(async (tx) => {
        const published = await tx.versions.publish(
          flow.id,
          flow.draft,
          note,
          actorOf(ctx).id,
          clock.now().toISOString(),
        );
        if (shadowReportId && !(await tx.shadowReports.attachToVersion(shadowReportId, published.version))) {
          // Another publish took the report since it was checked.
          const used = await tx.shadowReports.get(shadowReportId);
          throw new AppError('conflict', 'shadow_report_used', {
            params: { version: used?.publishedVersion ?? '?' },
          });
        }
        return published;
      });
      ctx.services.runtime.flowsChanged();
      await auditCall(ctx, 'flow.publish', `flow:${flow.id}`, {
        name: flow.name,
        version: version.version,
        ...(shadowReportId ? { shadowReportId } : {}),
        ...(overrideNote ? { overrideNote, failingCases: failing.map((result) => result.name) } : {}),
      });
      return {
        version: version.version,
        publishedAt: version.publishedAt,
        warnings: problemDetails(problems, flow.draft),
      };
    }),

  /** Creates a new flow from a flow file (or a bare graph); the name in the input wins over the file's. */
  importFile: procedure
    .meta({ roles: ROLES.flowEditors, contacts: 'none' })
    .input(z.strictObject({ file: z.unknown(), name: z.string().trim().min(1).max(200).optional() }))
    .mutation(async ({ ctx, input }) => {
      const { store, ids, clock } = ctx.services;
      const read = readFlowInput(input.file);
      const flow = await store.flows.create({
        id: ids.next(),
        workspaceId: DEFAULT_WORKSPACE_ID,
        name: input.name ?? read.name ?? text('导入的流程', 'Imported flow')[ctx.locale],
        description: read.description ?? '',
        draft: read.graph,
        createdBy: actorOf(ctx).id,
        now: clock.now().toISOString(),
      });
      return {
        id: flow.id,
        draftRevision: flow.draftRevision,
        problems: await lintInWorkspace(store, read.graph),
      };
    }),

  /** The draft, or a published version, as a `flowdesk.flow/v1` file. */
  exportFile: procedure
    // A query, because downloads are GETs; it writes the audit entry, so cross-site calls are refused.
    .meta({ roles: ROLES.flowReaders, contacts: 'none', writes: true })
    .input(FlowIdInput.extend({ version: VersionNumber.optional() }))
    .query(async ({ ctx, input }) => {
      const { store } = ctx.services;
      const flow = await loadFlow(store, input.id);
      await auditCall(ctx, 'flow.export', `flow:${flow.id}`, {
        name: flow.name,
        version: input.version ?? 'draft',
        // A read: the flow was copied out, not changed.
        export: 'download',
      });
      if (input.version === undefined) return toFlowFile(flow.name, flow.description, flow.draft);
      const version = await store.versions.get(flow.id, input.version);
      if (!version)
        throw new AppError('not_found', 'version_not_found', { params: { version: input.version } });
      return toFlowFile(flow.name, flow.description, version.graph);
    }),
};
