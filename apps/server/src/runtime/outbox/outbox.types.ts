import type { JsonObject } from '@flowdesk/store';

/** Delivers one outbound message; throws to have it retried. Receivers get the idempotency key. */
export interface OutboxDelivery {
  deliver(payload: JsonObject, idempotencyKey: string): Promise<void>;
}

export interface OutboundMessage {
  channel: 'email' | 'sms' | 'webhook' | 'in_app' | 'wechat';
  to: string;
  subject?: string;
  body: string;
  /** Email threading: the customer's Message-ID we answer and the thread's earlier ids. */
  inReplyTo?: string;
  references?: string[];
  /** Extra JSON for webhooks: execution, node, ticket. */
  context?: JsonObject;
}
