import type { ExecutionStatus } from '../port/execution.types.ts';
import type { FlowRollup, FlowStoppedCount } from '../port/flow-analytics.types.ts';
import { WAIT_NODE_TYPES, waitBucket } from './flow-rollup-rules.ts';
import { isHandoffStep as isHandoff, isResolveStep as isResolve } from './flow-rollup-segment.ts';

export interface RollupExecution {
  id: string;
  status: ExecutionStatus;
  currentNodeId: string | null;
}

export interface RollupStep {
  executionId: string;
  seq: number;
  nodeId: string;
  nodeType: string;
  input: unknown;
  port: string | null;
  startedAt: string;
  finishedAt: string;
  failed: boolean;
}

const WAITS: readonly string[] = WAIT_NODE_TYPES;

/**
 * The rollup of some executions computed from their rows: the Mongo adapter
 * answers with it, and it states in TypeScript what SQLite migration 031's
 * triggers count.
 */
export function computeFlowRollup(
  executions: readonly RollupExecution[],
  steps: readonly RollupStep[],
  csatScores: readonly number[],
): FlowRollup {
  const exits = new Map<string, { nodeId: string; port: string | null; runs: number; failures: number }>();
  const waits = new Map<string, { nodeId: string; bucket: number; count: number }>();
  const marks = new Map<string, { handoff: number; resolve: number }>();
  for (const step of steps) {
    const exitKey = `${step.nodeId}\u0000${step.port ?? ''}`;
    const exit = exits.get(exitKey) ?? { nodeId: step.nodeId, port: step.port, runs: 0, failures: 0 };
    exit.runs += 1;
    if (step.failed) exit.failures += 1;
    exits.set(exitKey, exit);
    if (!step.failed && WAITS.includes(step.nodeType)) {
      const seconds = (Date.parse(step.finishedAt) - Date.parse(step.startedAt)) / 1000;
      const bucket = waitBucket(seconds);
      const waitKey = `${step.nodeId}\u0000${bucket}`;
      const wait = waits.get(waitKey) ?? { nodeId: step.nodeId, bucket, count: 0 };
      wait.count += 1;
      waits.set(waitKey, wait);
    }
    const mark = marks.get(step.executionId) ?? { handoff: Infinity, resolve: Infinity };
    if (isHandoff(step)) mark.handoff = Math.min(mark.handoff, step.seq);
    if (isResolve(step)) mark.resolve = Math.min(mark.resolve, step.seq);
    marks.set(step.executionId, mark);
  }
  let handedOff = 0;
  let autoResolved = 0;
  for (const mark of marks.values()) {
    if (mark.handoff !== Infinity) handedOff += 1;
    if (mark.resolve !== Infinity && mark.handoff > mark.resolve) autoResolved += 1;
  }
  const stopped = new Map<string, FlowStoppedCount>();
  for (const execution of executions) {
    if (execution.status !== 'waiting' && execution.status !== 'cancelled' && execution.status !== 'failed') {
      continue;
    }
    const key = `${execution.status}\u0000${execution.currentNodeId ?? ''}`;
    const entry = stopped.get(key) ?? { nodeId: execution.currentNodeId, status: execution.status, count: 0 };
    entry.count += 1;
    stopped.set(key, entry);
  }
  return {
    exits: [...exits.values()],
    waits: [...waits.values()],
    stopped: [...stopped.values()],
    outcomes: {
      handedOff,
      autoResolved,
      csatSum: csatScores.reduce((sum, score) => sum + score, 0),
      csatCount: csatScores.length,
    },
  };
}
