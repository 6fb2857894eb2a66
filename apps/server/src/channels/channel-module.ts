import type { SmsSender, SmtpSender } from '@flowdesk/connectors';
import type { Channel } from '@flowdesk/model';
import type { Store } from '@flowdesk/store';
import type { AppServices } from '../app-deps.ts';
import type { RuntimeOptions } from '../config/runtime-options.ts';
import type { RestRoute } from '../rest/rest-route.ts';
import type { OutboundMessage } from '../runtime/job-payloads.ts';
import type { ChannelSettingsSpec } from './channel-settings-spec.ts';
import type { WechatSender } from './wechat/wechat-sender.ts';

/**
 * What one channel brings to the server, declared in its own folder
 * (`channels/<name>/index.ts`) and listed once in `channel-registry.ts`.
 * REST routes, outbox senders, connectors and listeners are assembled by
 * looping over the registry, so adding a channel touches its folder, the
 * registry, the settings table, the desk's reply router and the texts
 * (docs/architecture.md, "Recipe: add a channel").
 */

export type OutboundChannel = OutboundMessage['channel'];
export type ChannelSender = (message: OutboundMessage, key: string) => Promise<void>;

/** The protocol clients a process has; a channel whose client is missing keeps its messages queued. */
export interface OutboxConnectors {
  readonly email?: Pick<SmtpSender, 'send'>;
  readonly sms?: SmsSender;
  readonly wechat?: WechatSender;
}

/** What a process makes its connectors from: the operator's options, and the store for settings read at delivery time. */
export interface ConnectorContext {
  readonly options: Pick<RuntimeOptions, 'smtp' | 'sms' | 'allowPrivateNetworks'>;
  readonly store: Store;
}

/** A connector a channel made for this process; close releases its connections (pooled SMTP). */
export interface MadeConnector {
  readonly connectors: OutboxConnectors;
  close?(): void;
}

/** Delivers the outbox's messages of one outbound channel through a connector. */
export interface ChannelOutboundSpec {
  readonly channel: OutboundChannel;
  /** Makes the channel's connector; undefined when the operator configured none (its messages stay queued). */
  connect(context: ConnectorContext): MadeConnector | undefined;
  /** The sender, or undefined when the process has no connector for it. */
  sender(connectors: OutboxConnectors): ChannelSender | undefined;
}

/** A listener a channel runs beside the HTTP server (inbound SMTP); close stops taking messages. */
export interface ChannelListener {
  close(): Promise<void>;
}

export interface ListenerContext {
  readonly options: Pick<RuntimeOptions, 'smtpListen'>;
  readonly services: AppServices;
}

export interface ChannelModule<Id extends string = string> {
  readonly id: Id;
  /**
   * The request channels of the vocabulary (`CHANNELS` in @flowdesk/model) this
   * module takes requests on. How replies to them go out is the desk's
   * `REPLY_ROUTERS` (packages/desk), since desk activities route replies too.
   */
  readonly requestChannels: readonly Channel[];
  /** null: nothing to set per workspace (the API is governed by API keys). */
  readonly settings: ChannelSettingsSpec | null;
  /** Its public REST endpoints, documented in the OpenAPI document. */
  routes?(services: AppServices): RestRoute[];
  readonly outbound?: ChannelOutboundSpec;
  /** Starts what the channel listens on outside HTTP; undefined when the operator configured none. */
  listen?(context: ListenerContext): Promise<ChannelListener | undefined>;
}
