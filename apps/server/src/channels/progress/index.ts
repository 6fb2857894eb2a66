import type { ChannelModule } from '../channel-module.ts';
import { progressPageSettings } from './progress-settings.ts';

/**
 * The customer's progress page: no requests come in on it, but it has a switch
 * and settings. Its pages are HTML, not REST, and are mounted by create-app
 * (mountProgressPages), so they are not in `routes`.
 */
export const progressPageChannel = {
  id: 'progress_page',
  requestChannels: [],
  settings: progressPageSettings,
} as const satisfies ChannelModule<'progress_page'>;
