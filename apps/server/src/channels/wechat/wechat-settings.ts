import { z } from 'zod';
import { AppError } from '../../http/app-error.ts';
import { channelSettings, type SettingsChange } from '../channel-settings-spec.ts';

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

type WechatSettings = z.infer<typeof WechatChannelSettings>;

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
  checkChange: requireSecretForNewDestination,
});

/**
 * The app secret is posted to apiBaseUrl to get access tokens. Pointing an
 * account that already holds a secret at another host (or app) must come with
 * the secret itself, so whoever changes the destination already knows it and
 * a stored secret cannot be sent somewhere new by someone who does not.
 */
function requireSecretForNewDestination({ before, next, sent }: SettingsChange<WechatSettings>): void {
  if (typeof before.appSecret !== 'string' || before.appSecret === '') return;
  const moved = before.apiBaseUrl !== next.apiBaseUrl || before.appId !== next.appId;
  if (moved && !('appSecret' in sent)) {
    throw new AppError('bad_request', 'wechat_secret_required', { pointer: '/appSecret' });
  }
}
