import type { JsonValue, StoreRepositories } from '@flowdesk/store';
import type { ExternalEvent } from './rest/event.schema.ts';
import type { IntakeRequest } from './rest/intake.schema.ts';

export type { ExternalEvent } from './rest/event.schema.ts';
export type { IntakeRequest } from './rest/intake.schema.ts';

/**
 * What the HTTP shell needs from the runtime. The shell validates, authenticates
 * and de-duplicates; the runtime starts executions. Keeping this an interface
 * lets the HTTP plumbing be tested without the engine.
 */

export interface IntakeContext {
  /** The API key that sent the request; absent for channel webhooks that authenticate otherwise. */
  apiKeyId?: string;
  /**
   * When the caller sent an Idempotency-Key: the runtime stores the 202 answer
   * under it in the same transaction as the executions, so after a crash the
   * key is either answered or nothing happened.
   */
  idempotency?: { scope: string; key: string };
  /**
   * Run in the intake's own transaction, before the flows start and after they
   * have: a channel creates its conversation (so the flows' replies land in it),
   * then links the ticket and records the message, so all of it is stored or
   * none of it is.
   */
  inTransaction?: {
    before?: (tx: StoreRepositories) => Promise<void>;
    after?: (tx: StoreRepositories, result: IntakeResult) => Promise<void>;
  };
}

export interface ProducedOutput {
  ticketNumber?: string;
  replies: { channel: string; text: string }[];
  [extra: string]: JsonValue | undefined;
}

export interface IntakeResult {
  requestId: string;
  executionIds: string[];
  produced: ProducedOutput;
}

export interface EventResult {
  eventId: string;
  executionIds: string[];
}

export type RetryResult =
  | { ok: true; executionId: string; status: string }
  /** Only failed executions can be retried; reason says why this one cannot. */
  | { ok: false; reason: 'not_found' | 'not_retryable'; status?: string };

export interface RuntimePort {
  /** Starts the published flows the request triggers and returns what they produced before their first wait. */
  intake(request: IntakeRequest, context: IntakeContext): Promise<IntakeResult>;
  emitEvent(event: ExternalEvent): Promise<EventResult>;
  /** `by` is the user id of whoever asked, for the audit trail. */
  retryExecution(executionId: string, by: string): Promise<RetryResult>;
  /** False while the runtime cannot take work (store migrations running, workers stopped). */
  ready(): Promise<boolean>;
  /** A version was published in this process: start new executions on it right away. */
  flowsChanged(): void;
}
