import { z } from 'zod';
import { channelSettings } from '../channel-settings-spec.ts';

export const WechatChannelSettings = z.strictObject({
  /** The token configured on the official-account platform, used for the SHA1 signature check. */
  token: z
    .string()
    .regex(/^[A-Za-z0-9]{3,32}$/, { error: 'value.token_chars' })
    .optional(),
  appId: z.string().trim().max(64).optional(),
  appSecret: z.string().trim().max(128).optional(),
  /** Where customer-service messages (replies after the first 5 seconds) are posted. */
  apiBaseUrl: z
    .url({ protocol: /^https?$/ })
    .max(200)
    .default('https://api.weixin.qq.com'),
  /** Answered to a new follower (the `subscribe` event); none when unset. */
  welcomeText: z.string().trim().min(1).max(600).optional(),
});

/** Off by default: WeChat cannot work before its token is set. */
export const wechatSettings = channelSettings({
  key: 'wechat',
  schema: WechatChannelSettings,
  secrets: ['token', 'appSecret'],
  defaultOn: false,
  fields: [
    { key: 'token', kind: 'secret' },
    { key: 'appId', kind: 'text' },
    { key: 'appSecret', kind: 'secret' },
    { key: 'apiBaseUrl', kind: 'text' },
    { key: 'welcomeText', kind: 'text' },
  ],
});
