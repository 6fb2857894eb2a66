import { z } from 'zod';
import { channelSettings } from '../channel-settings-spec.ts';

export const ProgressPageChannelSettings = z.strictObject({
  /** Signs the customers' progress links (HMAC of the ticket number and issue time); created on first need. */
  linkSecret: z.string().min(32).max(200).optional(),
  /** A link stops working this many days after it was issued (progress-link.ts). */
  linkValidDays: z.number().int().min(1).max(3650).default(90),
  /** Links from before issue times are accepted until then; set once on first start (progress-link.ts). */
  legacyLinksUntil: z.iso.datetime().optional(),
});

/** The link secret and the legacy cut-off are set by the server, never in the form. */
export const progressPageSettings = channelSettings({
  key: 'progress_page',
  schema: ProgressPageChannelSettings,
  secrets: ['linkSecret'],
  defaultOn: true,
  fields: [{ key: 'linkValidDays', kind: 'number' }],
});
