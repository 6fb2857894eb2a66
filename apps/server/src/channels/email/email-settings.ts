import { z } from 'zod';
import { channelSettings } from '../channel-settings-spec.ts';

const Address = z.email().max(320);

export const EmailChannelSettings = z.strictObject({
  /** The addresses mail is accepted for; mail to any other address is refused (550). */
  addresses: z.array(Address).max(50).default(['support@flowdesk.local']),
  /** Larger mail is refused with 552 over SMTP and 413 over HTTP. */
  maxMessageBytes: z
    .number()
    .int()
    .min(1024)
    .max(25 * 1024 * 1024)
    .default(10 * 1024 * 1024),
});

export const emailSettings = channelSettings({
  key: 'email',
  schema: EmailChannelSettings,
  secrets: [],
  defaultOn: true,
  fields: [
    { key: 'addresses', kind: 'list' },
    { key: 'maxMessageBytes', kind: 'number' },
  ],
});
