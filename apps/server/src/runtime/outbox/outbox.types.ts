import type { OutboundMessage } from '../job-payloads.ts';

export type { OutboundMessage } from '../job-payloads.ts';

/** Delivers one outbound message; throws to have it retried. Receivers get the idempotency key. */
export interface OutboxDelivery {
  deliver(message: OutboundMessage, idempotencyKey: string): Promise<void>;
}
