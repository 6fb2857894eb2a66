import type { JsonObject } from '../port/json.types.ts';
import type { ShadowReportRecord, ShadowReportRepository } from '../port/shadow-report.types.ts';
import { normalizeIso } from '../shared/time.ts';
import { type MongoContext, translateMongoError } from './mongo-context.ts';
import type { ShadowReportDoc } from './mongo-shadow-reports.model.ts';

const toRecord = (doc: ShadowReportDoc): ShadowReportRecord => ({
  id: doc._id,
  flowId: doc.flowId,
  workspaceId: doc.workspaceId,
  liveVersion: doc.liveVersion,
  draftRevision: doc.draftRevision,
  report: JSON.parse(doc.report) as JsonObject,
  createdBy: doc.createdBy,
  createdAt: doc.createdAt,
  publishedVersion: doc.publishedVersion ?? null,
});

export function createMongoShadowReportRepository(ctx: MongoContext): ShadowReportRepository {
  const reports = ctx.models.shadowReports;
  const session = () => ctx.session ?? null;
  return {
    async create(input) {
      const doc: ShadowReportDoc = {
        _id: input.id,
        flowId: input.flowId,
        workspaceId: input.workspaceId,
        liveVersion: input.liveVersion,
        draftRevision: input.draftRevision,
        report: JSON.stringify(input.report),
        createdBy: input.createdBy,
        createdAt: normalizeIso(input.createdAt),
        publishedVersion: null,
      };
      try {
        await reports.create([doc], { session: ctx.session });
      } catch (error) {
        translateMongoError(error, `Shadow report ${input.id}`);
      }
      return toRecord(doc);
    },
    async get(id) {
      const doc = await reports.findById(id).session(session()).lean<ShadowReportDoc>().exec();
      return doc ? toRecord(doc) : null;
    },
    async attachToVersion(id, version) {
      const result = await reports
        .updateOne({ _id: id, publishedVersion: null }, { $set: { publishedVersion: version } })
        .session(session())
        .exec();
      return result.matchedCount > 0;
    },
    async forVersion(flowId, version) {
      const doc = await reports
        .findOne({ flowId, publishedVersion: version })
        .sort({ createdAt: -1, _id: 1 })
        .session(session())
        .lean<ShadowReportDoc>()
        .exec();
      return doc ? toRecord(doc) : null;
    },
  };
}
