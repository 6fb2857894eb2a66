import type { ChannelModule } from '../channel-module.ts';
import { voiceRoute } from './voice.route.ts';
import { voiceSettings } from './voice-settings.ts';

/** Call transcripts posted by the telephony provider; replies go to the caller by SMS (channels/sms). */
export const voiceChannel = {
  id: 'voice',
  requestChannels: ['phone'],
  settings: voiceSettings,
  routes: (services) => [voiceRoute(services)],
} as const satisfies ChannelModule<'voice'>;
