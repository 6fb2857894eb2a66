import type { FlowTestCase, FlowTestCaseRepository } from '../port/flow-test-case.types.ts';
import type { JsonObject } from '../port/json.types.ts';
import { normalizeIso } from '../shared/time.ts';
import { type MongoContext, translateMongoError } from './mongo-context.ts';
import type { FlowTestCaseDoc } from './mongo-flow-test-cases.model.ts';

const toTestCase = (doc: FlowTestCaseDoc): FlowTestCase => ({
  id: doc._id,
  flowId: doc.flowId,
  workspaceId: doc.workspaceId,
  name: doc.name,
  sample: JSON.parse(doc.sample) as JsonObject,
  expected: JSON.parse(doc.expected) as JsonObject,
  createdBy: doc.createdBy,
  createdAt: doc.createdAt,
  updatedBy: doc.updatedBy,
  updatedAt: doc.updatedAt,
});

export function createMongoFlowTestCaseRepository(ctx: MongoContext): FlowTestCaseRepository {
  const cases = ctx.models.flowTestCases;
  const session = () => ctx.session ?? null;
  return {
    async save(input) {
      const now = normalizeIso(input.now);
      const last = await cases
        .findOne({ flowId: input.flowId })
        .sort({ seq: -1 })
        .session(session())
        .lean<FlowTestCaseDoc>()
        .exec();
      try {
        // One upsert on the unique (flowId, name): replacing keeps the id, creator and place.
        const doc = await cases
          .findOneAndUpdate(
            { flowId: input.flowId, name: input.name },
            {
              $set: {
                sample: JSON.stringify(input.sample),
                expected: JSON.stringify(input.expected),
                updatedBy: input.savedBy,
                updatedAt: now,
              },
              $setOnInsert: {
                _id: input.id,
                workspaceId: input.workspaceId,
                createdBy: input.savedBy,
                createdAt: now,
                seq: (last?.seq ?? 0) + 1,
              },
            },
            { upsert: true, returnDocument: 'after', session: session() },
          )
          .lean<FlowTestCaseDoc>()
          .exec();
        return toTestCase(doc as FlowTestCaseDoc);
      } catch (error) {
        translateMongoError(error, `Test case ${input.name}`);
      }
    },
    async list(flowId) {
      const docs = await cases
        .find({ flowId })
        .sort({ seq: 1 })
        .session(session())
        .lean<FlowTestCaseDoc[]>()
        .exec();
      return docs.map(toTestCase);
    },
    async get(id) {
      const doc = await cases.findById(id).session(session()).lean<FlowTestCaseDoc>().exec();
      return doc ? toTestCase(doc) : null;
    },
    async delete(id) {
      const result = await cases.deleteOne({ _id: id }).session(session()).exec();
      return result.deletedCount > 0;
    },
  };
}
