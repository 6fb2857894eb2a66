import type { JsonObject } from '../port/json.types.ts';
import type { ShadowRunRecord, ShadowRunRepository } from '../port/shadow-run.types.ts';
import { normalizeIso } from '../shared/time.ts';
import { isDuplicateKeyError, type MongoContext, translateMongoError } from './mongo-context.ts';
import type { ShadowRunDoc } from './mongo-shadow-runs.model.ts';

const toRecord = (doc: ShadowRunDoc): ShadowRunRecord => ({
  id: doc._id,
  workspaceId: doc.workspaceId,
  flowId: doc.flowId,
  status: doc.status,
  done: doc.done,
  total: doc.total,
  liveVersion: doc.liveVersion,
  draftRevision: doc.draftRevision,
  draftHash: doc.draftHash,
  selection: JSON.parse(doc.selection) as JsonObject,
  requestedBy: doc.requestedBy,
  startedAt: doc.startedAt,
  heartbeatAt: doc.heartbeatAt,
  endedAt: doc.endedAt ?? null,
  cancelRequested: doc.cancelRequested,
  error: doc.error ? (JSON.parse(doc.error) as JsonObject) : null,
});

/** How often start looks again when the run that blocked it ended between its insert and its read. */
const START_ATTEMPTS = 3;

export function createMongoShadowRunRepository(ctx: MongoContext): ShadowRunRepository {
  const runs = ctx.models.shadowRuns;
  const session = () => ctx.session ?? null;
  const running = (workspaceId: string) =>
    runs.findOne({ workspaceId, status: 'running' }).session(session()).lean<ShadowRunDoc>().exec();
  const interrupt = (filter: Record<string, unknown>, staleBefore: string, at: string) =>
    runs
      .updateMany(
        { ...filter, status: 'running', heartbeatAt: { $lt: normalizeIso(staleBefore) } },
        { $set: { status: 'interrupted', endedAt: normalizeIso(at) } },
      )
      .session(session())
      .exec();
  return {
    async start(input, staleBefore) {
      const startedAt = normalizeIso(input.startedAt);
      await interrupt({ workspaceId: input.workspaceId }, staleBefore, startedAt);
      const doc: ShadowRunDoc = {
        _id: input.id,
        workspaceId: input.workspaceId,
        flowId: input.flowId,
        status: 'running',
        done: 0,
        total: input.total,
        liveVersion: input.liveVersion,
        draftRevision: input.draftRevision,
        draftHash: input.draftHash,
        selection: JSON.stringify(input.selection),
        requestedBy: input.requestedBy,
        startedAt,
        heartbeatAt: startedAt,
        endedAt: null,
        cancelRequested: false,
        error: null,
      };
      for (let attempt = 1; ; attempt++) {
        const other = await running(input.workspaceId);
        if (other) return { started: false, running: toRecord(other) };
        try {
          // The partial unique index refuses a second running run of the workspace, whoever inserts it.
          await runs.create([doc], { session: ctx.session });
          return { started: true, run: toRecord(doc) };
        } catch (error) {
          const blocked = isDuplicateKeyError(error) && !ctx.session && attempt < START_ATTEMPTS;
          if (!blocked || (await runs.exists({ _id: input.id })))
            translateMongoError(error, `Shadow run ${input.id}`);
        }
      }
    },
    async get(id) {
      const doc = await runs.findById(id).session(session()).lean<ShadowRunDoc>().exec();
      return doc ? toRecord(doc) : null;
    },
    async heartbeat(id, done, at) {
      const doc = await runs
        .findOneAndUpdate(
          { _id: id, status: 'running' },
          { $set: { done, heartbeatAt: normalizeIso(at) } },
          { new: true, projection: { cancelRequested: 1 } },
        )
        .session(session())
        .lean<Pick<ShadowRunDoc, 'cancelRequested'>>()
        .exec();
      return doc ? { cancelRequested: doc.cancelRequested } : null;
    },
    async requestCancel(id) {
      const doc = await runs
        .findOneAndUpdate({ _id: id, status: 'running' }, { $set: { cancelRequested: true } }, { new: true })
        .session(session())
        .lean<ShadowRunDoc>()
        .exec();
      if (doc) return toRecord(doc);
      const ended = await runs.findById(id).session(session()).lean<ShadowRunDoc>().exec();
      return ended ? toRecord(ended) : null;
    },
    async end(id, input) {
      const result = await runs
        .updateOne(
          { _id: id, status: 'running' },
          {
            $set: {
              status: input.status,
              done: input.done,
              endedAt: normalizeIso(input.at),
              error: input.error ? JSON.stringify(input.error) : null,
            },
          },
        )
        .session(session())
        .exec();
      return result.modifiedCount > 0;
    },
    async interruptStale(staleBefore, at, ids) {
      const result = await interrupt(ids === undefined ? {} : { _id: { $in: [...ids] } }, staleBefore, at);
      return result.modifiedCount;
    },
  };
}
