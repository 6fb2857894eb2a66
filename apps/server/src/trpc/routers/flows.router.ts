import { type FlowGraph, getNodeType } from '@flowdesk/model';
import type { FlowRecord, Store } from '@flowdesk/store';
import { z } from 'zod';
import { DEFAULT_WORKSPACE_ID } from '../../app-deps.ts';
import { auditCall } from '../../audit/audit-log.ts';
import { ROLES } from '../../auth/roles.ts';
import { draftConflict, emptyFlowGraph, loadFlow, readFlowInput } from '../../flows/flow-documents.ts';
import { isSameDraft } from '../../flows/same-draft.ts';
import { AppError } from '../../http/app-error.ts';
import { FlowIdInput } from '../inputs.ts';
import { actorOf, procedure, router } from '../trpc.ts';
import { flowPublishingProcedures } from './flow-publishing.procedures.ts';
import { flowTestCaseProcedures } from './flow-test-cases.procedures.ts';
import { flowTestingProcedures } from './flow-testing.procedures.ts';

/** Flows and their one mutable draft. Publishing, lint and files live in flow-publishing.procedures.ts. */

const NameInput = z.string().trim().min(1).max(200);
const DescriptionInput = z.string().max(2000);

/** The trigger the flow starts on: the live version's, else the draft's. */
function triggerTypeOf(graph: FlowGraph): string | null {
  return graph.nodes.find((node) => getNodeType(node.type)?.category === 'trigger')?.type ?? null;
}

async function summarize(store: Store, flow: FlowRecord) {
  const latest = await store.versions.latest(flow.id);
  return {
    triggerType: triggerTypeOf(latest?.graph ?? flow.draft),
    /** The draft differs from the live version (always true before the first publish). */
    hasUnpublishedChanges: latest ? !isSameDraft(latest.graph, flow.draft) : true,
    id: flow.id,
    name: flow.name,
    /** The name in both languages when the flow has one (installed from a template); the web app shows its language's. */
    ...(flow.localizedName ? { localizedName: flow.localizedName } : {}),
    description: flow.description,
    draftRevision: flow.draftRevision,
    latestVersion: latest?.version ?? null,
    updatedBy: flow.updatedBy,
    updatedAt: flow.updatedAt,
    archivedAt: flow.archivedAt,
    enabled: flow.enabled,
    position: flow.position,
  };
}

export const flowsRouter = router({
  list: procedure
    .meta({ roles: ROLES.flowReaders, contacts: 'none' })
    .input(
      z.strictObject({ includeArchived: z.boolean().default(false) }).default({ includeArchived: false }),
    )
    .query(async ({ ctx, input }) => {
      const { store } = ctx.services;
      const flows = await store.flows.list({
        workspaceId: DEFAULT_WORKSPACE_ID,
        includeArchived: input.includeArchived,
      });
      return Promise.all(flows.map((flow) => summarize(store, flow)));
    }),

  /** The draft to edit, its revision to send back, and which versions still have executions in flight. */
  get: procedure
    .meta({ roles: ROLES.flowReaders, contacts: 'none' })
    .input(FlowIdInput)
    .query(async ({ ctx, input }) => {
      const { store } = ctx.services;
      const flow = await loadFlow(store, input.id);
      const running = await store.executions.countRunning({ flowId: flow.id });
      return {
        ...(await summarize(store, flow)),
        draft: flow.draft,
        createdBy: flow.createdBy,
        createdAt: flow.createdAt,
        runningByVersion: running.map(({ version, running: count }) => ({ version, running: count })),
      };
    }),

  /** From a given graph or flow file, else from a graph holding only a request trigger. */
  create: procedure
    .meta({ roles: ROLES.flowEditors, contacts: 'none' })
    .input(
      z.strictObject({
        name: NameInput,
        description: DescriptionInput.optional(),
        graph: z.unknown().optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { store, ids, clock } = ctx.services;
      const graph = input.graph === undefined ? emptyFlowGraph() : readFlowInput(input.graph).graph;
      const flow = await store.flows.create({
        id: ids.next(),
        workspaceId: DEFAULT_WORKSPACE_ID,
        name: input.name,
        description: input.description ?? '',
        draft: graph,
        createdBy: actorOf(ctx).id,
        now: clock.now().toISOString(),
      });
      return { id: flow.id, draftRevision: flow.draftRevision };
    }),

  /** Saves the draft only if nobody saved since expectedRevision: a stale editor gets CONFLICT, never a silent overwrite. */
  updateDraft: procedure
    .meta({ roles: ROLES.flowEditors, contacts: 'none' })
    .input(FlowIdInput.extend({ graph: z.unknown(), expectedRevision: z.number().int().min(1) }))
    .mutation(async ({ ctx, input }) => {
      const { store, clock } = ctx.services;
      const { graph } = readFlowInput(input.graph);
      // The same graph at the same revision is no change: "last changed" stays where it was.
      const stored = await store.flows.get(input.id);
      if (stored?.draftRevision === input.expectedRevision && isSameDraft(stored.draft, graph)) {
        return { draftRevision: stored.draftRevision };
      }
      const now = clock.now().toISOString();
      const result = await store.flows.updateDraft(
        input.id,
        graph,
        input.expectedRevision,
        actorOf(ctx).id,
        now,
      );
      if (result.ok) return { draftRevision: result.revision };
      if (result.reason === 'not_found')
        throw new AppError('not_found', 'flow_not_found', { params: { id: input.id } });
      throw await draftConflict(store, {
        revision: result.currentRevision,
        updatedBy: result.updatedBy,
        updatedAt: result.updatedAt,
      });
    }),

  rename: procedure
    .meta({ roles: ROLES.flowEditors, contacts: 'none' })
    .input(FlowIdInput.extend({ name: NameInput, description: DescriptionInput.optional() }))
    .mutation(async ({ ctx, input }) => {
      const { store, clock } = ctx.services;
      const patch = {
        name: input.name,
        ...(input.description === undefined ? {} : { description: input.description }),
      };
      const ok = await store.flows.updateDetails(input.id, patch, actorOf(ctx).id, clock.now().toISOString());
      if (!ok) throw new AppError('not_found', 'flow_not_found', { params: { id: input.id } });
      return { ok: true as const };
    }),

  /** Off: no new executions start; the ones running finish on the version they started with. */
  setEnabled: procedure
    .meta({ roles: ROLES.flowEditors, contacts: 'none' })
    .input(FlowIdInput.extend({ enabled: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const flow = await loadFlow(ctx.services.store, input.id);
      const ok = await ctx.services.store.flows.setEnabled(input.id, input.enabled);
      if (!ok) throw new AppError('not_found', 'flow_not_found', { params: { id: input.id } });
      ctx.services.runtime.flowsChanged();
      await auditCall(ctx, input.enabled ? 'flow.enable' : 'flow.disable', `flow:${input.id}`, {
        name: flow.name,
      });
      return { ok: true as const, enabled: input.enabled };
    }),

  /** One place up or down in the order intake tries live flows (an exclusive flow earlier wins). */
  move: procedure
    .meta({ roles: ROLES.flowEditors, contacts: 'none' })
    .input(FlowIdInput.extend({ direction: z.enum(['up', 'down']) }))
    .mutation(async ({ ctx, input }) => {
      const flow = await loadFlow(ctx.services.store, input.id);
      const result = await ctx.services.store.flows.move(input.id, input.direction);
      if (result === 'not_found')
        throw new AppError('not_found', 'flow_not_found', { params: { id: input.id } });
      if (result === 'moved') {
        ctx.services.runtime.flowsChanged();
        await auditCall(ctx, 'flow.move', `flow:${input.id}`, {
          name: flow.name,
          direction: input.direction,
        });
      }
      return { ok: true as const, moved: result === 'moved' };
    }),

  archive: procedure
    .meta({ roles: ROLES.flowEditors, contacts: 'none' })
    .input(FlowIdInput)
    .mutation(async ({ ctx, input }) => {
      const flow = await loadFlow(ctx.services.store, input.id);
      const ok = await ctx.services.store.flows.archive(input.id, ctx.services.clock.now().toISOString());
      if (!ok) throw new AppError('not_found', 'flow_not_found', { params: { id: input.id } });
      await auditCall(ctx, 'flow.archive', `flow:${input.id}`, { name: flow.name });
      return { ok: true as const };
    }),

  unarchive: procedure
    .meta({ roles: ROLES.flowEditors, contacts: 'none' })
    .input(FlowIdInput)
    .mutation(async ({ ctx, input }) => {
      const flow = await loadFlow(ctx.services.store, input.id);
      const ok = await ctx.services.store.flows.unarchive(input.id, ctx.services.clock.now().toISOString());
      if (!ok) throw new AppError('not_found', 'flow_not_found', { params: { id: input.id } });
      await auditCall(ctx, 'flow.unarchive', `flow:${input.id}`, { name: flow.name });
      return { ok: true as const };
    }),

  /** Removes the flow and its versions; executions stay as history. Admins only, since it cannot be undone. */
  delete: procedure
    .meta({ roles: ROLES.admins, contacts: 'none' })
    .input(FlowIdInput)
    .mutation(async ({ ctx, input }) => {
      // Read first: once deleted, the entry is the only place the flow's name is left.
      const flow = await loadFlow(ctx.services.store, input.id);
      const latest = await ctx.services.store.versions.latest(input.id);
      const ok = await ctx.services.store.flows.delete(input.id);
      if (!ok) throw new AppError('not_found', 'flow_not_found', { params: { id: input.id } });
      await auditCall(ctx, 'flow.delete', `flow:${input.id}`, {
        name: flow.name,
        latestVersion: latest?.version ?? null,
      });
      return { ok: true as const };
    }),

  ...flowPublishingProcedures,
  ...flowTestingProcedures,
  ...flowTestCaseProcedures,
});
