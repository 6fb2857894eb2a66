import { createSmsGateway } from '@flowdesk/connectors';
import type { ChannelModule } from '../channel-module.ts';

/** Outbound only: text messages through the configured HTTP gateway (replies to callers, surveys). */
export const smsChannel = {
  id: 'sms',
  requestChannels: [],
  settings: null,
  outbound: {
    channel: 'sms',
    connect: ({ options }) =>
      options.sms ? { connectors: { sms: createSmsGateway(options.sms) } } : undefined,
    sender: ({ sms }) => sms && ((message, key) => sms({ to: message.to, text: message.body }, key)),
  },
} as const satisfies ChannelModule<'sms'>;
