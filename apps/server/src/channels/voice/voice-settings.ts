import { z } from 'zod';
import { channelSettings } from '../channel-settings-spec.ts';

export const VoiceChannelSettings = z.strictObject({
  /** Replies to a phone request go out by SMS to the caller's number. */
  replyBySms: z.boolean().default(true),
});

export const voiceSettings = channelSettings({
  key: 'voice',
  schema: VoiceChannelSettings,
  secrets: [],
  defaultOn: true,
  fields: [{ key: 'replyBySms', kind: 'boolean' }],
});
