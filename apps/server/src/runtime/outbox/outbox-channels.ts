import type { SmsSender, SmtpSender } from '@flowdesk/connectors';
import type { WechatSender } from '../../channels/wechat/wechat-sender.ts';
import type { ChannelOutbox } from './channel-outbox.ts';

export interface OutboxConnectors {
  readonly email?: Pick<SmtpSender, 'send'>;
  readonly sms?: SmsSender;
  readonly wechat?: WechatSender;
}

/** Plugs the configured connectors into the outbox; a channel left out keeps its messages queued. */
export function connectChannels(outbox: ChannelOutbox, connectors: OutboxConnectors): ChannelOutbox {
  const { email, sms, wechat } = connectors;
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
  if (wechat)
    outbox.register('wechat', (message, key) => wechat({ to: message.to, body: message.body }, key));
  return outbox;
}
