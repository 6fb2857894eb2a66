import { createHmac } from 'node:crypto';
import type { JsonObject } from '@flowdesk/store';
import type { OutboundMessage, OutboxDelivery } from './outbox.types.ts';

export interface WebhookOptions {
  /** Signs webhook bodies (Standard Webhooks style); without it webhooks go unsigned. */
  readonly secret?: string;
  readonly timeoutMs?: number;
  readonly now?: () => Date;
}

/** Standard Webhooks signature: base64 HMAC-SHA256 over `id.timestamp.body`. */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', secret).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/**
 * Delivers outbox messages by channel. Webhooks are posted here; email and SMS
 * need their connectors, and until one is configured the delivery fails and is
 * retried, so nothing is dropped.
 */
export class ChannelOutbox implements OutboxDelivery {
  private readonly senders = new Map<string, (message: OutboundMessage, key: string) => Promise<void>>();

  constructor(private readonly webhook: WebhookOptions = {}) {
    this.senders.set('webhook', (message, key) => this.postWebhook(message, key));
  }

  /** Plugs in a sender for a channel (email through SMTP, SMS through a gateway). */
  register(
    channel: OutboundMessage['channel'],
    send: (message: OutboundMessage, key: string) => Promise<void>,
  ) {
    this.senders.set(channel, send);
  }

  async deliver(payload: JsonObject, idempotencyKey: string): Promise<void> {
    const message = payload as unknown as OutboundMessage;
    const send = this.senders.get(message.channel);
    if (!send) throw new Error(`no delivery configured for channel ${message.channel}`);
    await send(message, idempotencyKey);
  }

  private async postWebhook(message: OutboundMessage, key: string): Promise<void> {
    const body = JSON.stringify({
      subject: message.subject,
      body: message.body,
      context: message.context ?? {},
    });
    const timestamp = Math.floor((this.webhook.now?.() ?? new Date()).getTime() / 1000);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'webhook-id': key,
      'webhook-timestamp': String(timestamp),
      'idempotency-key': key,
    };
    if (this.webhook.secret)
      headers['webhook-signature'] = signWebhook(this.webhook.secret, key, timestamp, body);
    const response = await fetch(message.to, {
      method: 'POST',
      headers,
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(this.webhook.timeoutMs ?? 10_000),
    });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`webhook answered HTTP ${response.status}`);
  }
}
