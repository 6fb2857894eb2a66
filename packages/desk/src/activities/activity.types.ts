import type { ActivityCommand, ActivityResult } from '@flowdesk/engine';
import type { EnqueueJobInput, StoreRepositories } from '@flowdesk/store';

/**
 * An activity carries out an action node. `inline` activities change only
 * FlowDesk's own data and run inside the transaction that records the step, so
 * both commit or neither does. `deferred` activities wait on the outside world
 * (an HTTP call whose answer the flow needs); they run from a durable job,
 * outside any transaction, and may run more than once: receivers get the
 * idempotency key.
 */
export interface ActivityContext {
  readonly executionId: string;
  /** `executionId:nodeId:visit`, stable across retries of the same visit. */
  readonly idempotencyKey: string;
  readonly now: Date;
  /** Dry runs (editor test runs) simulate effects and send nothing. */
  readonly dryRun: boolean;
}

export interface InlineActivityContext extends ActivityContext {
  readonly tx: StoreRepositories;
  /** Enqueues a durable job in the same transaction (outbox deliveries). */
  enqueue(job: Omit<EnqueueJobInput, 'id' | 'now'>): Promise<void>;
  /** Records something the intake response should show (ticket number, immediate replies). */
  produce(output: ProducedItem): void;
  /**
   * True while the step runs inside an intake call whose caller receives the
   * produced replies (a chat, a WeChat passive reply, the API answer); false in
   * background steps, where a reply must be delivered on the channel itself.
   */
  readonly answering: boolean;
}

export type ProducedItem =
  | { kind: 'reply'; channel: string; text: string }
  | { kind: 'ticket'; number: string };

export type ActivityHandler =
  | {
      readonly mode: 'inline';
      run(command: ActivityCommand, ctx: InlineActivityContext): Promise<ActivityResult>;
    }
  | {
      readonly mode: 'deferred';
      run(command: ActivityCommand, ctx: ActivityContext): Promise<ActivityResult>;
    };

/** Handlers by node type. The desk registers the service-desk activities here. */
export type ActivityRegistry = ReadonlyMap<string, ActivityHandler>;
