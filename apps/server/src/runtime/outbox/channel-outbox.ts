import { type PostWebhookOptions, postWebhook } from '@flowdesk/connectors';
import type { OutboundMessage, OutboxDelivery } from './outbox.types.ts';

export type WebhookOptions = PostWebhookOptions;

type ChannelSender = (message: OutboundMessage, key: string) => Promise<void>;

/**
 * Delivers outbox messages by channel. Webhooks are posted here; email and SMS
 * need their connectors, and until one is configured the delivery fails and is
 * retried, so nothing is dropped.
 */
export class ChannelOutbox implements OutboxDelivery {
  private readonly senders = new Map<string, ChannelSender>();

  constructor(private readonly webhook: WebhookOptions = {}) {
    this.senders.set('webhook', (message, key) => this.postWebhook(message, key));
  }

  /** Plugs in a sender for a channel (email through SMTP, SMS through a gateway). */
  register(channel: OutboundMessage['channel'], send: ChannelSender) {
    this.senders.set(channel, send);
  }

  /** The message was parsed with its schema when its job was claimed. */
  async deliver(message: OutboundMessage, idempotencyKey: string): Promise<void> {
    const send = this.senders.get(message.channel);
    if (!send) throw new Error(`no delivery configured for channel ${message.channel}`);
    await send(message, idempotencyKey);
  }

  private postWebhook(message: OutboundMessage, key: string): Promise<void> {
    const body = JSON.stringify({
      subject: message.subject,
      body: message.body,
      context: message.context ?? {},
    });
    return postWebhook(message.to, body, key, this.webhook);
  }
}
