import {
  type Anomaly,
  type AnomalyRepository,
  type AnomalyStatus,
  anomalyListLimit,
  TICKET_WINDOW_DEFAULT_LIMIT,
} from '../port/anomaly.types.ts';
import type { JsonObject } from '../port/json.types.ts';
import { normalizeIso } from '../shared/time.ts';
import type { AnomalyDoc } from './mongo-anomalies.model.ts';
import type { MongoContext } from './mongo-context.ts';
import type { TicketDoc } from './mongo-desk-models.ts';
import { decodeDocument } from './mongo-key-codec.ts';

const toAnomaly = (doc: AnomalyDoc): Anomaly => ({
  id: doc._id,
  workspaceId: doc.workspaceId,
  seriesKind: doc.seriesKind,
  seriesKey: doc.seriesKey,
  hour: doc.hour,
  value: doc.value,
  baseline: doc.baseline,
  score: doc.score,
  volume: doc.volume,
  status: doc.status as AnomalyStatus,
  detectedAt: doc.detectedAt,
  ackedBy: doc.ackedBy ?? null,
  ackedAt: doc.ackedAt ?? null,
});

export function createMongoAnomalyRepository(ctx: MongoContext): AnomalyRepository {
  const { anomalies, tickets } = ctx.models;
  const session = () => ctx.session ?? null;
  return {
    async record(anomaly) {
      const hour = normalizeIso(anomaly.hour);
      const key = {
        workspaceId: anomaly.workspaceId,
        seriesKind: anomaly.seriesKind,
        seriesKey: anomaly.seriesKey,
        hour,
      };
      // An upsert that only inserts: the unique key decides which finding is kept.
      const result = await anomalies
        .updateOne(
          key,
          {
            $setOnInsert: {
              _id: anomaly.id,
              value: anomaly.value,
              baseline: anomaly.baseline,
              score: anomaly.score,
              volume: anomaly.volume,
              status: 'open',
              detectedAt: normalizeIso(anomaly.detectedAt),
              ackedBy: null,
              ackedAt: null,
            },
          },
          { upsert: true },
        )
        .session(session())
        .exec();
      const doc = await anomalies.findOne(key).session(session()).lean<AnomalyDoc>().exec();
      if (!doc) throw new Error('anomaly vanished after its upsert');
      return { created: result.upsertedCount > 0, anomaly: toAnomaly(doc) };
    },
    async get(id) {
      const doc = await anomalies.findById(id).session(session()).lean<AnomalyDoc>().exec();
      return doc ? toAnomaly(doc) : null;
    },
    async list(query) {
      const hour: Record<string, string> = {};
      if (query.from) hour.$gte = normalizeIso(query.from);
      if (query.to) hour.$lt = normalizeIso(query.to);
      const docs = await anomalies
        .find({
          workspaceId: query.workspaceId,
          ...(query.status ? { status: query.status } : {}),
          ...(Object.keys(hour).length > 0 ? { hour } : {}),
        })
        .sort({ hour: -1, score: -1, _id: 1 })
        .limit(anomalyListLimit(query.limit))
        .session(session())
        .lean<AnomalyDoc[]>()
        .exec();
      return docs.map(toAnomaly);
    },
    async acknowledge(id, by, at) {
      await anomalies
        .updateOne(
          { _id: id, status: 'open' },
          { $set: { status: 'acked', ackedBy: by, ackedAt: normalizeIso(at) } },
        )
        .session(session())
        .exec();
      const doc = await anomalies.findById(id).session(session()).lean<AnomalyDoc>().exec();
      return doc ? toAnomaly(doc) : null;
    },
    async ticketsCreatedIn(window) {
      const docs = await tickets
        .find(
          {
            workspaceId: window.workspaceId,
            createdAt: { $gte: normalizeIso(window.from), $lt: normalizeIso(window.to) },
          },
          { channel: 1, category: 1, tags: 1, customFields: 1 },
        )
        .limit(window.limit ?? TICKET_WINDOW_DEFAULT_LIMIT)
        .session(session())
        .lean<Array<Pick<TicketDoc, 'channel' | 'category' | 'tags' | 'customFields'>>>()
        .exec();
      return docs.map((doc) => ({
        channel: doc.channel,
        category: doc.category ?? null,
        tags: doc.tags ?? [],
        customFields: decodeDocument(doc.customFields ?? {}) as JsonObject,
      }));
    },
    async ticketsDueIn(window) {
      // The { workspaceId, resolutionDueAt } index, as SQLite migration 30's.
      const docs = await tickets
        .find(
          {
            workspaceId: window.workspaceId,
            resolutionDueAt: { $gte: normalizeIso(window.from), $lt: normalizeIso(window.to) },
          },
          { slaState: 1 },
        )
        .limit(window.limit ?? TICKET_WINDOW_DEFAULT_LIMIT)
        .session(session())
        .lean<Array<Pick<TicketDoc, 'slaState'>>>()
        .exec();
      return docs.map((doc) => ({ slaState: doc.slaState }));
    },
  };
}
