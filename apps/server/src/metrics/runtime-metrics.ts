import type { ExecutionStatus } from '@flowdesk/engine';

/**
 * What the runtime tells the operations metrics (GET /metrics), as plain
 * calls: the runtime knows nothing of Prometheus, and tests and the dry run
 * pass NO_RUNTIME_METRICS. Flow ids are labels (a workspace has tens of flows,
 * not millions); execution and ticket ids never are.
 */
export interface RuntimeMetrics {
  /** The runtime took a request (its executions and answer are committed). */
  intakeAccepted(channel: string): void;
  executionStarted(flowId: string): void;
  /** An execution was saved in a final state: completed, failed or cancelled. */
  executionEnded(
    flowId: string,
    status: Extract<ExecutionStatus, 'completed' | 'failed' | 'cancelled'>,
  ): void;
  /** One delivery attempt of an outbox message; `attempt` counts from 1. */
  outboxAttempt(channel: string, outcome: OutboxOutcome, attempt: number): void;
  /** A timer or wait timeout ran `latenessSeconds` after it was due. */
  timerFired(kind: 'timer' | 'wait_timeout', latenessSeconds: number): void;
}

export type OutboxOutcome = 'delivered' | 'retrying' | 'gave_up';

export const NO_RUNTIME_METRICS: RuntimeMetrics = {
  intakeAccepted: () => {},
  executionStarted: () => {},
  executionEnded: () => {},
  outboxAttempt: () => {},
  timerFired: () => {},
};
