import type { ChannelModule } from '../channel-module.ts';
import { wechatRoutes } from './wechat.routes.ts';
import { createWechatSender } from './wechat-sender.ts';
import { wechatSettings } from './wechat-settings.ts';

/** The official account's webhook in; customer-service messages out (wechat-sender.ts). */
export const wechatChannel = {
  id: 'wechat',
  requestChannels: ['wechat'],
  settings: wechatSettings,
  routes: wechatRoutes,
  outbound: {
    channel: 'wechat',
    // Always there: it reads the app id and secret from the channel settings at delivery time.
    connect: ({ options, store }) => ({
      connectors: {
        wechat: createWechatSender({ store, allowPrivateNetworks: options.allowPrivateNetworks }),
      },
    }),
    sender: ({ wechat }) => wechat && ((message, key) => wechat({ to: message.to, body: message.body }, key)),
  },
} as const satisfies ChannelModule<'wechat'>;
