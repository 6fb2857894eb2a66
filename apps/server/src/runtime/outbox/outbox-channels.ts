import type { SmsSender, SmtpSender } from '@flowdesk/connectors';
import type { ChannelOutbox } from './channel-outbox.ts';

export interface OutboxConnectors {
  readonly email?: Pick<SmtpSender, 'send'>;
  readonly sms?: SmsSender;
}

/** Plugs the configured connectors into the outbox; a channel left out keeps its messages queued. */
export function connectChannels(outbox: ChannelOutbox, connectors: OutboxConnectors): ChannelOutbox {
  const { email, sms } = connectors;
  if (email) {
    outbox.register('email', (message, key) =>
      email.send(
        {
          to: message.to,
          subject: message.subject ?? '',
          text: message.body,
          inReplyTo: message.inReplyTo,
          references: message.references,
        },
        key,
      ),
    );
  }
  if (sms) outbox.register('sms', (message, key) => sms({ to: message.to, text: message.body }, key));
  return outbox;
}
