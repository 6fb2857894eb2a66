import type { ExecutionStep } from '../port/execution.types.ts';
import { rollupHour } from '../shared/flow-rollup-rules.ts';
import { segmentOf, segmentOutcomes } from '../shared/flow-rollup-segment.ts';
import { EARLIER_MARKS_SQL } from './migrations/031-flow-analytics-rollup.ts';
import type { SqliteContext } from './sqlite-context.ts';

/**
 * Counts one save's steps into migration 031's flow_path_rollup, inside the
 * caller's transaction: one lookup of the execution and one upsert per save
 * (plus one read of earlier steps when a later save hands off or resolves).
 */
export interface RollupExecution {
  flow_id: string;
  version: number;
  started_at: string;
}

/** `known`: the execution's flow, version and start when the caller has them (they never change), saving the lookup. */
export function recordFlowRollup(
  ctx: SqliteContext,
  executionId: string,
  steps: readonly ExecutionStep[],
  known?: RollupExecution,
): void {
  if (steps.length === 0) return;
  const execution =
    known ??
    (ctx.statement('SELECT flow_id, version, started_at FROM executions WHERE id = ?').get(executionId) as
      | RollupExecution
      | undefined);
  if (!execution) return;
  const segment = segmentOf(
    steps.map((step) => ({
      seq: step.seq,
      nodeId: step.nodeId,
      nodeType: step.nodeType,
      port: step.port,
      input: step.input,
      startedAt: step.startedAt,
      finishedAt: step.finishedAt,
      failed: Boolean(step.error),
    })),
  );
  let earlier = { handoff: false, resolve: false };
  if ((segment.handoffSeq !== null || segment.resolveSeq !== null) && segment.firstSeq > 1) {
    const marks = ctx.statement(EARLIER_MARKS_SQL).get({ id: executionId, seq: segment.firstSeq }) as {
      handoff: number;
      resolve: number;
    };
    earlier = { handoff: marks.handoff === 1, resolve: marks.resolve === 1 };
  }
  const outcomes = segmentOutcomes(segment, earlier);
  ctx
    .statement(
      `INSERT INTO flow_path_rollup (flow_id, version, hour, segment, count, handed_off, auto_resolved)
       VALUES (?, ?, ?, ?, 1, ?, ?)
       ON CONFLICT DO UPDATE SET count = count + 1, handed_off = handed_off + excluded.handed_off,
         auto_resolved = auto_resolved + excluded.auto_resolved`,
    )
    .run(
      execution.flow_id,
      execution.version,
      rollupHour(execution.started_at),
      segment.key,
      outcomes.handedOff,
      outcomes.autoResolved,
    );
}
