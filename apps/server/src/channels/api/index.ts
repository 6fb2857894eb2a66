import type { ChannelModule } from '../channel-module.ts';

/**
 * Requests posted to the REST API (`POST /api/v1/requests`). The intake route
 * is the core of the REST API and stays in rest/ (restRoutes); API keys, not
 * channel settings, decide who may post.
 */
export const apiChannel = {
  id: 'api',
  requestChannels: ['api'],
  settings: null,
} as const satisfies ChannelModule<'api'>;
