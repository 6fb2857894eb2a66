import type { Channel } from '@flowdesk/model';
import type { AppServices } from '../app-deps.ts';
import type { RestRoute } from '../rest/rest-route.ts';
import { apiChannel } from './api/index.ts';
import type {
  ChannelListener,
  ChannelModule,
  ChannelSender,
  ConnectorContext,
  ListenerContext,
  OutboundChannel,
  OutboxConnectors,
} from './channel-module.ts';
import type { CHANNEL_SETTING_SPECS, ChannelKey } from './channel-settings.schema.ts';
import { emailChannel } from './email/index.ts';
import { progressPageChannel } from './progress/index.ts';
import { smsChannel } from './sms/index.ts';
import { voiceChannel } from './voice/index.ts';
import { wechatChannel } from './wechat/index.ts';
import { widgetChannel } from './widget/index.ts';

/**
 * Every channel module, in the order their REST routes are mounted and
 * documented. REST routes, outbox senders, connectors and listeners are
 * assembled from this list; the settings table (CHANNEL_SETTING_SPECS) is
 * checked against it below.
 */
export const CHANNEL_MODULES = [
  emailChannel,
  widgetChannel,
  voiceChannel,
  wechatChannel,
  apiChannel,
  smsChannel,
  progressPageChannel,
] as const;

type Module = (typeof CHANNEL_MODULES)[number];

/** A module's settings are the entry the settings table lists under its id, or null when the table has no such key. */
type SettingsAgree<M> = M extends { id: infer Id; settings: infer S }
  ? Id extends ChannelKey
    ? S extends (typeof CHANNEL_SETTING_SPECS)[Id]
      ? M
      : never
    : S extends null
      ? M
      : never
  : never;

/** Names the vocabulary's request channels that no module takes requests on; must be never. */
type UncoveredRequestChannel = Exclude<Channel, Module['requestChannels'][number]>;
type UnlistedSettings = Exclude<ChannelKey, Extract<Module, { settings: object }>['id']>;

// A request channel added to CHANNELS without a module, or a settings entry without its module, fails here.
const everyRequestChannelHasAModule: [UncoveredRequestChannel] extends [never]
  ? true
  : UncoveredRequestChannel = true;
const everySettingsEntryHasAModule: [UnlistedSettings] extends [never] ? true : UnlistedSettings = true;
const settingsAgree: readonly SettingsAgree<Module>[] = CHANNEL_MODULES;
void [everyRequestChannelHasAModule, everySettingsEntryHasAModule, settingsAgree];

/** The channels' REST endpoints, in registry order. */
export function channelRoutes(services: AppServices): RestRoute[] {
  return CHANNEL_MODULES.flatMap((module: ChannelModule) => module.routes?.(services) ?? []);
}

/** The outbox senders this process can use, by outbound channel; a channel without its connector is left out. */
export function channelSenders(connectors: OutboxConnectors): Array<[OutboundChannel, ChannelSender]> {
  return CHANNEL_MODULES.flatMap((module: ChannelModule) => {
    const send = module.outbound?.sender(connectors);
    return module.outbound && send
      ? [[module.outbound.channel, send] as [OutboundChannel, ChannelSender]]
      : [];
  });
}

export interface ChannelConnectors extends OutboxConnectors {
  /** Releases the connectors' connections; call after the workers have stopped. */
  close(): void;
}

/** The connectors of every channel the operator configured, made once per process. */
export function channelConnectors(context: ConnectorContext): ChannelConnectors {
  const made = CHANNEL_MODULES.flatMap((module: ChannelModule) => module.outbound?.connect(context) ?? []);
  return Object.assign({}, ...made.map((connector) => connector.connectors), {
    close: () => {
      for (const connector of made) connector.close?.();
    },
  });
}

/**
 * Starts the channels' own listeners (inbound SMTP) once the HTTP server
 * listens; close stops them all, before the HTTP server closes.
 */
export async function startChannelListeners(context: ListenerContext): Promise<ChannelListener> {
  const listeners: ChannelListener[] = [];
  for (const module of CHANNEL_MODULES as readonly ChannelModule[]) {
    const listener = await module.listen?.(context);
    if (listener) listeners.push(listener);
  }
  return { close: async () => void (await Promise.all(listeners.map((listener) => listener.close()))) };
}
