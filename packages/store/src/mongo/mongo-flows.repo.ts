import type { FlowRecord, FlowRepository, MoveFlowResult, VersionRepository } from '../port/flow.types.ts';
import type { FlowVersion } from '../port/model.types.ts';
import { StoreError } from '../port/store-error.ts';
import { orderFlows, swapWithNeighbour } from '../shared/flow-order.ts';
import { normalizeIso } from '../shared/time.ts';
import { type MongoContext, translateMongoError } from './mongo-context.ts';
import { decodeDocument, encodeDocument } from './mongo-key-codec.ts';
import type { FlowDoc, VersionDoc } from './mongo-models.ts';

function toFlow(doc: FlowDoc): FlowRecord {
  return {
    id: doc._id,
    workspaceId: doc.workspaceId,
    name: doc.name,
    ...(doc.localizedName ? { localizedName: doc.localizedName } : {}),
    description: doc.description,
    draft: decodeDocument(doc.draft),
    draftRevision: doc.draftRevision,
    createdBy: doc.createdBy,
    createdAt: doc.createdAt,
    updatedBy: doc.updatedBy,
    updatedAt: doc.updatedAt,
    archivedAt: doc.archivedAt ?? null,
    enabled: doc.enabled ?? true,
    position: doc.position ?? 0,
  };
}

function toVersion(doc: VersionDoc): FlowVersion {
  return {
    flowId: doc.flowId,
    version: doc.version,
    graph: decodeDocument(doc.graph),
    note: doc.note,
    author: doc.author,
    publishedAt: doc.publishedAt,
  };
}

export function createMongoFlowRepository(ctx: MongoContext): FlowRepository {
  const { flows, versions } = ctx.models;
  const session = ctx.session;

  return {
    async create(input) {
      const now = normalizeIso(input.now);
      // Two creates at once may take the same position; creation time then orders them.
      const last = await flows
        .findOne({ workspaceId: input.workspaceId })
        .sort({ position: -1 })
        .session(session ?? null)
        .lean<FlowDoc>()
        .exec();
      const doc: FlowDoc = {
        _id: input.id,
        workspaceId: input.workspaceId,
        name: input.name,
        ...(input.localizedName ? { localizedName: input.localizedName } : {}),
        description: input.description ?? '',
        draft: encodeDocument(input.draft),
        draftRevision: 1,
        lastVersion: 0,
        createdBy: input.createdBy,
        createdAt: now,
        updatedBy: input.createdBy,
        updatedAt: now,
        archivedAt: null,
        enabled: true,
        position: last ? (last.position ?? 0) + 1 : 0,
      };
      try {
        await flows.insertMany([doc], { session });
      } catch (error) {
        translateMongoError(error, `Flow ${input.id}`);
      }
      return toFlow(doc);
    },

    async get(id) {
      const doc = await flows
        .findById(id)
        .session(session ?? null)
        .lean<FlowDoc>()
        .exec();
      return doc ? toFlow(doc) : null;
    },

    async list(query) {
      const filter = query.includeArchived
        ? { workspaceId: query.workspaceId }
        : { workspaceId: query.workspaceId, archivedAt: null };
      const docs = await flows
        .find(filter)
        .sort({ updatedAt: -1, _id: 1 })
        .session(session ?? null)
        .lean<FlowDoc[]>()
        .exec();
      return docs.map(toFlow);
    },

    async updateDraft(id, graph, expectedRevision, by, now) {
      // The revision is part of the filter: check and write are one atomic operation.
      const updated = await flows
        .findOneAndUpdate(
          { _id: id, draftRevision: expectedRevision },
          {
            $set: { draft: encodeDocument(graph), updatedBy: by, updatedAt: normalizeIso(now) },
            $inc: { draftRevision: 1 },
          },
          { returnDocument: 'after', session },
        )
        .lean<FlowDoc>()
        .exec();
      if (updated) return { ok: true as const, revision: updated.draftRevision };
      const current = await flows
        .findById(id)
        .session(session ?? null)
        .lean<FlowDoc>()
        .exec();
      if (!current) return { ok: false as const, reason: 'not_found' as const };
      return {
        ok: false as const,
        reason: 'revision_conflict' as const,
        currentRevision: current.draftRevision,
        updatedBy: current.updatedBy,
        updatedAt: current.updatedAt,
      };
    },

    async updateDetails(id, patch, by, now) {
      const set: Partial<FlowDoc> = { updatedBy: by, updatedAt: normalizeIso(now) };
      if (patch.name !== undefined) set.name = patch.name;
      if (patch.description !== undefined) set.description = patch.description;
      // A name given by hand replaces the template's names in both languages.
      const update = patch.name !== undefined ? { $set: set, $unset: { localizedName: 1 } } : { $set: set };
      const result = await flows.updateOne({ _id: id }, update, { session }).exec();
      return result.matchedCount > 0;
    },

    async setEnabled(id, enabled) {
      const result = await flows.updateOne({ _id: id }, { $set: { enabled } }, { session }).exec();
      return result.matchedCount > 0;
    },

    move: (id, direction) =>
      ctx.atomic(async (s): Promise<MoveFlowResult> => {
        const flow = await flows.findById(id).session(s).lean<FlowDoc>().exec();
        if (!flow) return 'not_found';
        const siblings = await flows
          .find({ workspaceId: flow.workspaceId, archivedAt: null })
          .session(s)
          .lean<FlowDoc[]>()
          .exec();
        const reordered = swapWithNeighbour(orderFlows(siblings.map(toFlow)), id, direction);
        if (!reordered) return 'at_edge';
        await flows.bulkWrite(
          reordered.map((change) => ({
            updateOne: { filter: { _id: change.id }, update: { $set: { position: change.position } } },
          })),
          { session: s },
        );
        return 'moved';
      }),

    async archive(id, now) {
      const iso = normalizeIso(now);
      const result = await flows
        .updateOne({ _id: id, archivedAt: null }, { $set: { archivedAt: iso, updatedAt: iso } }, { session })
        .exec();
      return result.modifiedCount > 0;
    },

    async unarchive(id, now) {
      const result = await flows
        .updateOne(
          { _id: id, archivedAt: { $ne: null } },
          { $set: { archivedAt: null, updatedAt: normalizeIso(now) } },
          { session },
        )
        .exec();
      return result.modifiedCount > 0;
    },

    delete: (id) =>
      ctx.atomic(async (s) => {
        await versions.deleteMany({ flowId: id }, { session: s }).exec();
        const result = await flows.deleteOne({ _id: id }, { session: s }).exec();
        return result.deletedCount > 0;
      }),
  };
}

export function createMongoVersionRepository(ctx: MongoContext): VersionRepository {
  const { flows, versions } = ctx.models;
  const session = ctx.session;

  return {
    // $inc on the flow hands out the number; doing it in one transaction with the
    // insert means a failed insert leaves no gap in the numbering.
    publish: (flowId, graph, note, author, now) =>
      ctx.atomic(async (s) => {
        const flow = await flows
          .findOneAndUpdate(
            { _id: flowId },
            { $inc: { lastVersion: 1 } },
            { returnDocument: 'after', session: s },
          )
          .lean<FlowDoc>()
          .exec();
        if (!flow) throw new StoreError('not_found', `Flow ${flowId} does not exist`);
        const doc: VersionDoc = {
          flowId,
          version: flow.lastVersion,
          graph: encodeDocument(graph),
          note,
          author,
          publishedAt: normalizeIso(now),
        };
        try {
          await versions.insertMany([doc], { session: s });
        } catch (error) {
          translateMongoError(error, `Version ${doc.version} of flow ${flowId}`);
        }
        return toVersion(doc);
      }),

    async get(flowId, version) {
      const doc = await versions
        .findOne({ flowId, version })
        .session(session ?? null)
        .lean<VersionDoc>()
        .exec();
      return doc ? toVersion(doc) : null;
    },

    async list(flowId) {
      const docs = await versions
        .find({ flowId })
        .sort({ version: -1 })
        .session(session ?? null)
        .lean<VersionDoc[]>()
        .exec();
      return docs.map(toVersion);
    },

    async latest(flowId) {
      const doc = await versions
        .findOne({ flowId })
        .sort({ version: -1 })
        .session(session ?? null)
        .lean<VersionDoc>()
        .exec();
      return doc ? toVersion(doc) : null;
    },
  };
}
