import type { OutboxConnectors } from '../../channels/channel-module.ts';
import { channelSenders } from '../../channels/channel-registry.ts';
import type { ChannelOutbox } from './channel-outbox.ts';

export type { OutboxConnectors } from '../../channels/channel-module.ts';

/**
 * Plugs each channel module's sender into the outbox, through the connectors
 * this process has; a channel left out keeps its messages queued.
 */
export function connectChannels(outbox: ChannelOutbox, connectors: OutboxConnectors): ChannelOutbox {
  for (const [channel, send] of channelSenders(connectors)) outbox.register(channel, send);
  return outbox;
}
