import type { ExecutionStatus } from './execution.types.ts';

/**
 * Counters behind the flow analytics overlay (issue 14, item 3): what the
 * executions of one flow version started in a range of days did, kept as
 * rollups in the transaction that writes each step (SQLite migration 031), so
 * the overlay reads a few hundred rows whatever the number of executions.
 */
export interface FlowRollupQuery {
  flowId: string;
  version: number;
  /**
   * Executions started from this instant (ISO, inclusive)… The rollups keep whole
   * UTC hours: both ends are cut down to the hour (shared/flow-rollup-rules.ts
   * rollupHourRange), so the server passes the workspace's local midnights.
   */
  from: string;
  /** …to this one (exclusive). */
  to: string;
}

/** How often a step left by a port; `port` is null when the step ended the execution. */
export interface FlowStepExit {
  nodeId: string;
  port: string | null;
  runs: number;
  /** Runs that recorded an error. */
  failures: number;
}

/** Finished waits of a step in one bucket of flow-rollup-rules.ts waitBucket(). */
export interface FlowWaitBucket {
  nodeId: string;
  bucket: number;
  count: number;
}

/** Executions that stopped (or stand) at a step, with that status. */
export interface FlowStoppedCount {
  nodeId: string | null;
  status: Extract<ExecutionStatus, 'waiting' | 'cancelled' | 'failed'>;
  count: number;
}

export interface FlowOutcomeTotals {
  /** Executions that reached a hand-off step (assign, escalate). */
  handedOff: number;
  /** Executions that resolved or closed their ticket with no hand-off before. */
  autoResolved: number;
  /** Answered CSAT surveys sent by these executions: sum and number of scores. */
  csatSum: number;
  csatCount: number;
}

export interface FlowRollup {
  exits: FlowStepExit[];
  waits: FlowWaitBucket[];
  stopped: FlowStoppedCount[];
  outcomes: FlowOutcomeTotals;
}

export interface FlowAnalyticsRepository {
  rollup(query: FlowRollupQuery): Promise<FlowRollup>;
}
