import type {
  ExecutionListItem,
  ExecutionQuery,
  ExecutionRecord,
  ExecutionRepository,
  ExecutionStep,
  ExecutionSummary,
} from '../port/execution.types.ts';
import { ACTIVE_EXECUTION_STATUSES } from '../port/execution.types.ts';
import type { JsonObject, JsonValue } from '../port/json.types.ts';
import { StoreError } from '../port/store-error.ts';
import { decodeExecutionCursor, encodeExecutionCursor } from '../shared/execution-cursor.ts';
import { executionSearchKeys, pendingOf, readExecutionSearch } from '../shared/execution-search-keys.ts';
import { HANDOFF_REASON_STEP_TYPES } from '../shared/handoff-steps.ts';
import { executionPageSize } from '../shared/page-size.ts';
import { normalizeIso } from '../shared/time.ts';
import { escapeRegExp, type MongoContext, translateMongoError } from './mongo-context.ts';
import { decodeDocument, encodeDocument } from './mongo-key-codec.ts';
import type { ExecutionDoc, ExecutionSearchDoc, StepDoc } from './mongo-models.ts';

function searchDoc(state: JsonObject): ExecutionSearchDoc {
  const { ticketNumber, customer } = executionSearchKeys(state);
  return {
    ticketNumber,
    customerId: customer?.id ?? null,
    customerName: customer?.name ?? null,
    customerEmail: customer?.email ?? null,
    customerPhone: customer?.phone ?? null,
    customerChannelId: customer?.channelId ?? null,
  };
}

/** What the list reads: the summary, the search keys, and from the state only the incident and the pending command's few fields. */
const LIST_PROJECTION = {
  flowId: 1,
  version: 1,
  status: 1,
  currentNodeId: 1,
  revision: 1,
  startedAt: 1,
  updatedAt: 1,
  finishedAt: 1,
  search: 1,
  'state.incident': 1,
  'state.pending.command.kind': 1,
  'state.pending.command.nodeType': 1,
  'state.pending.command.event': 1,
  'state.pending.command.until': 1,
  'state.pending.command.timeoutAt': 1,
} as const;

function toListItem(doc: ExecutionDoc): ExecutionListItem {
  const state = decodeDocument(doc.state ?? {}) as JsonObject;
  const search = doc.search;
  const customer = {
    id: search?.customerId ?? null,
    name: search?.customerName ?? null,
    email: search?.customerEmail ?? null,
    phone: search?.customerPhone ?? null,
    channelId: search?.customerChannelId ?? null,
  };
  const pending = state.pending as JsonObject | null | undefined;
  const incident = state.incident as JsonObject | null | undefined;
  return {
    ...toSummary(doc),
    ticketNumber: search?.ticketNumber ?? null,
    customer: Object.values(customer).some((value) => value !== null) ? customer : null,
    pending: pendingOf((pending?.command ?? undefined) as JsonObject | undefined),
    incident: incident ?? null,
  };
}

/**
 * The same matches as SQLite's list: ticket number whole or its start, name any part, ids whole,
 * email and phone digits whole or (contactMatch 'partial') any part.
 */
function searchFilter(query: ExecutionQuery): Record<string, unknown> | null {
  const term = readExecutionSearch(query.search, query.contactMatch);
  if (!term) return null;
  const anywhere = (text: string) => ({ $regex: escapeRegExp(text), $options: 'i' });
  const contact = (text: string) => (term.contacts === 'whole' ? text : anywhere(text));
  const any: Record<string, unknown>[] = [
    { 'search.ticketNumber': { $regex: `^${escapeRegExp(term.text)}`, $options: 'i' } },
    { 'search.customerId': term.text },
    { 'search.customerChannelId': term.text },
    { 'search.customerName': anywhere(term.text) },
    { 'search.customerEmail': contact(term.lower) },
  ];
  if (term.digits) any.push({ 'search.customerPhone': contact(term.digits) });
  return { $or: any };
}

function toSummary(doc: Omit<ExecutionDoc, 'state'>): ExecutionSummary {
  return {
    id: doc._id,
    flowId: doc.flowId,
    version: doc.version,
    status: doc.status,
    currentNodeId: doc.currentNodeId ?? null,
    revision: doc.revision,
    startedAt: doc.startedAt,
    updatedAt: doc.updatedAt,
    finishedAt: doc.finishedAt ?? null,
  };
}

function toRecord(doc: ExecutionDoc): ExecutionRecord {
  return {
    ...toSummary(doc),
    state: decodeDocument(doc.state ?? {}) as JsonObject,
    ...(doc.stepsPrunedAt ? { stepsPrunedAt: doc.stepsPrunedAt } : {}),
  };
}

/** Pruned steps listSteps still returns (besides the first): what the KPI hand-off reason reads. */
const KEPT_WHEN_PRUNED = new Set(HANDOFF_REASON_STEP_TYPES);

/**
 * What a pruned step keeps: the overlay's counts (computeFlowRollup) read node, port, times and
 * failure, and a resolve step's status (isResolveStep); input and output go otherwise.
 */
const PRUNE_STEP: Array<Record<string, unknown>> = [
  {
    $set: {
      pruned: true,
      output: { $literal: {} },
      input: {
        $cond: [
          { $eq: [{ $type: '$input.config.status' }, 'string'] },
          { config: { status: '$input.config.status' } },
          { $literal: {} },
        ],
      },
    },
  },
];

function toStep(doc: StepDoc): ExecutionStep {
  return {
    seq: doc.seq,
    nodeId: doc.nodeId,
    nodeType: doc.nodeType,
    visit: doc.visit,
    input: decodeDocument(doc.input ?? null) as JsonValue,
    output: decodeDocument(doc.output ?? null) as JsonValue,
    port: doc.port ?? null,
    startedAt: doc.startedAt,
    finishedAt: doc.finishedAt,
    error: decodeDocument(doc.error ?? null) as JsonObject | null,
  };
}

function listFilter(query: ExecutionQuery): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  const and: Record<string, unknown>[] = [];
  const search = searchFilter(query);
  if (search) and.push(search);
  if (query.customerId !== undefined) filter['search.customerId'] = query.customerId;
  if (query.flowId !== undefined) filter.flowId = query.flowId;
  if (query.version !== undefined) filter.version = query.version;
  if (query.status !== undefined) {
    filter.status = typeof query.status === 'string' ? query.status : { $in: [...query.status] };
  }
  const startedAt: Record<string, string> = {};
  if (query.startedAfter !== undefined) startedAt.$gte = normalizeIso(query.startedAfter);
  if (query.startedBefore !== undefined) startedAt.$lt = normalizeIso(query.startedBefore);
  if (Object.keys(startedAt).length > 0) and.push({ startedAt });
  if (query.cursor) {
    const cursor = decodeExecutionCursor(query.cursor);
    and.push({
      $or: [
        { startedAt: { $lt: cursor.startedAt } },
        { startedAt: cursor.startedAt, _id: { $lt: cursor.id } },
      ],
    });
  }
  if (and.length > 0) filter.$and = and;
  return filter;
}

export function createMongoExecutionRepository(ctx: MongoContext): ExecutionRepository {
  const { executions, steps } = ctx.models;
  const session = ctx.session;

  return {
    async create(input) {
      const startedAt = normalizeIso(input.startedAt);
      const doc: ExecutionDoc = {
        _id: input.id,
        flowId: input.flowId,
        version: input.version,
        status: input.status,
        currentNodeId: input.currentNodeId ?? null,
        state: encodeDocument(input.state),
        revision: 1,
        startedAt,
        updatedAt: normalizeIso(input.updatedAt ?? input.startedAt),
        finishedAt: input.finishedAt ? normalizeIso(input.finishedAt) : null,
        search: searchDoc(input.state),
      };
      try {
        await executions.insertMany([doc], { session });
      } catch (error) {
        translateMongoError(error, `Execution ${input.id}`);
      }
      return toRecord(doc);
    },

    async get(id) {
      const doc = await executions
        .findById(id)
        .session(session ?? null)
        .lean<ExecutionDoc>()
        .exec();
      return doc ? toRecord(doc) : null;
    },

    async list(query = {}) {
      const limit = executionPageSize(query.limit);
      const docs = await executions
        .find(listFilter(query), LIST_PROJECTION)
        .sort({ startedAt: -1, _id: -1 })
        .limit(limit + 1)
        .session(session ?? null)
        .lean<ExecutionDoc[]>()
        .exec();
      const items = docs.slice(0, limit).map(toListItem);
      const last = items.at(-1);
      const nextCursor =
        docs.length > limit && last
          ? encodeExecutionCursor({ startedAt: last.startedAt, id: last.id })
          : null;
      return { items, nextCursor };
    },

    async save(id, input, expectedRevision) {
      const updated = await executions
        .findOneAndUpdate(
          { _id: id, revision: expectedRevision },
          {
            $set: {
              state: encodeDocument(input.state),
              status: input.status,
              currentNodeId: input.currentNodeId,
              updatedAt: normalizeIso(input.updatedAt),
              finishedAt: input.finishedAt ? normalizeIso(input.finishedAt) : null,
              search: searchDoc(input.state),
              // Reopened (a retry): the trace no longer says "pruned" and the new steps can be pruned later.
              ...(input.finishedAt ? {} : { stepsPrunedAt: null }),
            },
            $inc: { revision: 1 },
          },
          { returnDocument: 'after', projection: { revision: 1 }, session },
        )
        .lean<Pick<ExecutionDoc, 'revision'>>()
        .exec();
      if (updated) return { ok: true as const, revision: updated.revision };
      const current = await executions
        .findById(id, { revision: 1 })
        .session(session ?? null)
        .lean<Pick<ExecutionDoc, 'revision'>>()
        .exec();
      if (!current) return { ok: false as const, reason: 'not_found' as const };
      return { ok: false as const, reason: 'revision_conflict' as const, currentRevision: current.revision };
    },

    appendSteps: (id, newSteps) =>
      ctx.atomic(async (s) => {
        const exists = await executions.exists({ _id: id }).session(s).exec();
        if (!exists) throw new StoreError('not_found', `Execution ${id} does not exist`);
        const docs: StepDoc[] = newSteps.map((step) => ({
          executionId: id,
          seq: step.seq,
          nodeId: step.nodeId,
          nodeType: step.nodeType,
          visit: step.visit,
          input: encodeDocument(step.input),
          output: encodeDocument(step.output),
          port: step.port,
          startedAt: normalizeIso(step.startedAt),
          finishedAt: normalizeIso(step.finishedAt),
          error: encodeDocument(step.error ?? null),
        }));
        if (docs.length === 0) return;
        try {
          await steps.insertMany(docs, { session: s, ordered: true });
        } catch (error) {
          translateMongoError(error, `A step of execution ${id}`);
        }
      }),

    async succeededStep(id, nodeId, visit) {
      const doc = await steps
        .findOne({ executionId: id, nodeId, visit, error: null, pruned: { $ne: true } })
        .sort({ seq: -1 })
        .session(session ?? null)
        .lean<StepDoc>()
        .exec();
      return doc ? { output: decodeDocument(doc.output ?? null) as JsonValue, port: doc.port ?? null } : null;
    },

    async listSteps(id) {
      const docs = await steps
        .find({ executionId: id })
        .sort({ seq: 1 })
        .session(session ?? null)
        .lean<StepDoc[]>()
        .exec();
      // Of a pruned log, what the hand-off reason reads (as SQLite keeps it): the first step,
      // the Classify and hand-over steps, ids, node type and port only.
      return docs
        .filter((doc, index) => doc.pruned !== true || index === 0 || KEPT_WHEN_PRUNED.has(doc.nodeType))
        .map((doc) =>
          doc.pruned === true ? { ...toStep(doc), input: {}, output: {}, error: null } : toStep(doc),
        );
    },

    async handoffStepsOf(ids) {
      const byExecution = new Map<string, Array<{ nodeType: string; port: string | null }>>();
      if (ids.length === 0) return byExecution;
      const docs = await steps
        .find(
          { executionId: { $in: [...new Set(ids)] } },
          { executionId: 1, seq: 1, nodeType: 1, port: 1, pruned: 1 },
        )
        .sort({ executionId: 1, seq: 1 })
        .session(session ?? null)
        .lean<StepDoc[]>()
        .exec();
      let previous: string | null = null;
      let index = 0;
      for (const doc of docs) {
        index = doc.executionId === previous ? index + 1 : 0;
        previous = doc.executionId;
        // As listSteps: of a pruned log, the first step and the kept node types.
        if (doc.pruned === true && index > 0 && !KEPT_WHEN_PRUNED.has(doc.nodeType)) continue;
        const step = { nodeType: doc.nodeType, port: doc.port ?? null };
        const list = byExecution.get(doc.executionId);
        if (list) list.push(step);
        else byExecution.set(doc.executionId, [step]);
      }
      return byExecution;
    },

    async listStepsOf(ids) {
      const byExecution = new Map<string, ExecutionStep[]>();
      if (ids.length === 0) return byExecution;
      const docs = await steps
        .find({ executionId: { $in: [...new Set(ids)] }, pruned: { $ne: true } })
        .sort({ executionId: 1, seq: 1 })
        .session(session ?? null)
        .lean<StepDoc[]>()
        .exec();
      for (const doc of docs) {
        const list = byExecution.get(doc.executionId);
        if (list) list.push(toStep(doc));
        else byExecution.set(doc.executionId, [toStep(doc)]);
      }
      return byExecution;
    },

    pruneSteps: (input) =>
      ctx.atomic(async (s) => {
        const due = await executions
          .find(
            { stepsPrunedAt: null, finishedAt: { $ne: null, $lt: normalizeIso(input.finishedBefore) } },
            { _id: 1 },
          )
          .sort({ finishedAt: 1 })
          .limit(Math.max(0, input.limit))
          .session(s)
          .lean<Array<Pick<ExecutionDoc, '_id'>>>()
          .exec();
        const ids = due.map((doc) => doc._id);
        if (ids.length === 0) return 0;
        await steps
          .updateMany({ executionId: { $in: ids }, pruned: { $ne: true } }, PRUNE_STEP, {
            session: s,
            // Pipeline updates are passed to the server as they are; mongoose cannot cast them.
            updatePipeline: true,
          })
          .exec();
        await executions
          .updateMany(
            { _id: { $in: ids } },
            { $set: { stepsPrunedAt: normalizeIso(input.now) } },
            { session: s },
          )
          .exec();
        return ids.length;
      }),

    async countRunning(query = {}) {
      const match: Record<string, unknown> = { status: { $in: [...ACTIVE_EXECUTION_STATUSES] } };
      if (query.flowId !== undefined) match.flowId = query.flowId;
      const rows = await executions
        .aggregate<{ _id: { flowId: string; version: number }; running: number }>([
          { $match: match },
          { $group: { _id: { flowId: '$flowId', version: '$version' }, running: { $sum: 1 } } },
          { $sort: { '_id.flowId': 1, '_id.version': 1 } },
        ])
        .session(session ?? null)
        .exec();
      return rows.map((row) => ({ flowId: row._id.flowId, version: row._id.version, running: row.running }));
    },
  };
}
