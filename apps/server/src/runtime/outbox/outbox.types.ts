import type { JsonObject } from '@flowdesk/store';

/** Delivers one outbound message; throws to have it retried. Receivers get the idempotency key. */
export interface OutboxDelivery {
  deliver(payload: JsonObject, idempotencyKey: string): Promise<void>;
}

export interface OutboundMessage {
  channel: 'email' | 'sms' | 'webhook' | 'in_app';
  to: string;
  subject?: string;
  body: string;
  /** Extra JSON for webhooks: execution, node, ticket. */
  context?: JsonObject;
}
