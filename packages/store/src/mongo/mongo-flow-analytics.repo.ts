import type { FlowAnalyticsRepository } from '../port/flow-analytics.types.ts';
import { computeFlowRollup, type RollupStep } from '../shared/flow-rollup-compute.ts';
import { rollupHourRange } from '../shared/flow-rollup-rules.ts';
import type { MongoContext } from './mongo-context.ts';
import { decodeDocument } from './mongo-key-codec.ts';
import type { ExecutionDoc, StepDoc } from './mongo-models.ts';

/** Ids per `$in` query, so one request stays far below the 16 MB command limit. */
const ID_CHUNK = 1000;

/**
 * Computes the overlay's figures from the executions of the range. Unlike
 * SQLite (migration 031) this reads every step of the range: Mongo has no
 * rollup collection yet, which a deployment with millions of executions needs.
 */
export function createMongoFlowAnalyticsRepository(ctx: MongoContext): FlowAnalyticsRepository {
  const { executions, steps, surveys } = ctx.models;
  const session = ctx.session ?? null;
  return {
    async rollup(query) {
      const range = rollupHourRange(query.from, query.to);
      const docs = await executions
        .find(
          { flowId: query.flowId, version: query.version, startedAt: { $gte: range.from, $lt: range.to } },
          { status: 1, currentNodeId: 1 },
        )
        .session(session)
        .lean<Array<Pick<ExecutionDoc, '_id' | 'status' | 'currentNodeId'>>>()
        .exec();
      const ids = docs.map((doc) => doc._id);
      const stepRows: RollupStep[] = [];
      const scores: number[] = [];
      for (let start = 0; start < ids.length; start += ID_CHUNK) {
        const chunk = ids.slice(start, start + ID_CHUNK);
        const stepDocs = await steps
          .find({ executionId: { $in: chunk } })
          .session(session)
          .lean<StepDoc[]>()
          .exec();
        for (const doc of stepDocs) {
          stepRows.push({
            executionId: doc.executionId,
            seq: doc.seq,
            nodeId: doc.nodeId,
            nodeType: doc.nodeType,
            input: decodeDocument(doc.input as never),
            port: doc.port ?? null,
            startedAt: doc.startedAt,
            finishedAt: doc.finishedAt,
            failed: doc.error !== null && doc.error !== undefined,
          });
        }
        const answered = await surveys
          .find({ executionId: { $in: chunk }, kind: 'csat', score: { $ne: null } }, { score: 1 })
          .session(session)
          .lean<Array<{ score: number }>>()
          .exec();
        for (const survey of answered) scores.push(survey.score);
      }
      return computeFlowRollup(
        docs.map((doc) => ({ id: doc._id, status: doc.status, currentNodeId: doc.currentNodeId })),
        stepRows,
        scores,
      );
    },
  };
}
