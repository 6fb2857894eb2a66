/**
 * The durable index of executions waiting for a ticket event (a "Wait for
 * event" node on a customer reply or a status change): a ticket event finds
 * the executions it may resume by (event, ticket id) without scanning them.
 * The runtime rewrites an execution's rows at every save, so they follow its
 * pending wait; a row left behind is harmless because the engine refuses an
 * answer whose seq is no longer pending.
 */
export const WAIT_SUBSCRIPTION_EVENTS = ['customer_reply', 'ticket_status'] as const;
export type WaitSubscriptionEvent = (typeof WAIT_SUBSCRIPTION_EVENTS)[number];

export interface WaitSubscription {
  executionId: string;
  /** The seq of the wait command the event answers. */
  seq: number;
  event: WaitSubscriptionEvent;
  /** What the event is about: the ticket id for ticket events. */
  key: string;
  createdAt: string;
}

export interface WaitSubscriptionRepository {
  /** Deletes the execution's rows and inserts these (none: the execution waits for nothing any more). */
  replaceFor(executionId: string, rows: readonly WaitSubscription[]): Promise<void>;
  /** The rows waiting for this event on this key, oldest first. */
  find(event: WaitSubscriptionEvent, key: string): Promise<WaitSubscription[]>;
  /** Whether any execution waits for this event on any key (one index lookup). */
  has(event: WaitSubscriptionEvent): Promise<boolean>;
}
