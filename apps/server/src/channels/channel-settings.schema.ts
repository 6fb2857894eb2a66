import { LocalizedTextSchema } from '@flowdesk/model';
import { z } from 'zod';

/**
 * Each channel's per-workspace switch and settings. Defaults apply until an
 * admin saves a change, so a new workspace works without a settings screen.
 * Secrets (the WeChat token and app secret) are write-only: they are kept in
 * the store but the browser only learns whether they are set.
 */

const Address = z.email().max(320);

export const EmailChannelSettings = z.strictObject({
  /** The addresses mail is accepted for; mail to any other address is refused (550). */
  addresses: z.array(Address).max(50).default(['support@flowdesk.local']),
  /** Larger mail is refused with 552 over SMTP and 413 over HTTP. */
  maxMessageBytes: z
    .number()
    .int()
    .min(1024)
    .max(25 * 1024 * 1024)
    .default(10 * 1024 * 1024),
});

export const WidgetChannelSettings = z.strictObject({
  /** Web origins that may embed the widget (`https://shop.example.cn`); empty: the widget stays off. */
  allowedOrigins: z
    .array(z.url({ protocol: /^https?$/ }).max(200))
    .max(50)
    .default([]),
  defaultMode: z.enum(['form', 'chat']).default('chat'),
  /** Categories the form offers; empty hides the field. */
  categories: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
  greeting: LocalizedTextSchema.default({
    'zh-CN': '您好！请留下您的问题，我们会尽快回复。',
    en: 'Hello! Leave us your question and we will answer soon.',
  }),
});

export const VoiceChannelSettings = z.strictObject({
  /** Replies to a phone request go out by SMS to the caller's number. */
  replyBySms: z.boolean().default(true),
});

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

export const ProgressPageChannelSettings = z.strictObject({
  /** Signs the customers' progress links (HMAC of the ticket number and issue time); created on first need. */
  linkSecret: z.string().min(32).max(200).optional(),
  /** A link stops working this many days after it was issued (progress-link.ts). */
  linkValidDays: z.number().int().min(1).max(3650).default(90),
  /** Links from before issue times are accepted until then; set once on first start (progress-link.ts). */
  legacyLinksUntil: z.iso.datetime().optional(),
});

export const CHANNEL_SETTINGS = {
  email: EmailChannelSettings,
  widget: WidgetChannelSettings,
  voice: VoiceChannelSettings,
  wechat: WechatChannelSettings,
  progress_page: ProgressPageChannelSettings,
} as const;

export type ChannelKey = keyof typeof CHANNEL_SETTINGS;
export const CHANNEL_KEYS = Object.keys(CHANNEL_SETTINGS) as ChannelKey[];
export type ChannelSettingsOf<K extends ChannelKey> = z.infer<(typeof CHANNEL_SETTINGS)[K]>;

/** On until switched off, except WeChat, which cannot work before its token is set. */
export const ENABLED_BY_DEFAULT: Record<ChannelKey, boolean> = {
  email: true,
  widget: true,
  voice: true,
  wechat: false,
  progress_page: true,
};

/** Settings fields a browser never receives back. */
export const SECRET_FIELDS: Partial<Record<ChannelKey, readonly string[]>> = {
  wechat: ['token', 'appSecret'],
  progress_page: ['linkSecret'],
};
