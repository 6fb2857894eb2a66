import type { z } from 'zod';
import type { ChannelField } from './channel-settings-spec.ts';
import { emailSettings } from './email/email-settings.ts';
import { progressPageSettings } from './progress/progress-settings.ts';
import { voiceSettings } from './voice/voice-settings.ts';
import { wechatSettings } from './wechat/wechat-settings.ts';
import { widgetSettings } from './widget/widget-settings.ts';

/**
 * Each channel's per-workspace switch and settings. Defaults apply until an
 * admin saves a change, so a new workspace works without a settings screen.
 * Secrets (the WeChat token and app secret) are write-only: they are kept in
 * the store but the browser only learns whether they are set.
 *
 * The settings live beside each channel (`channels/<name>/<name>-settings.ts`).
 * They are listed here rather than read from `channel-registry.ts` because the
 * channels' own routes read their settings through this table, and the
 * registry imports those routes; the registry's type requires each module's
 * `settings` to be the entry listed here, so the two lists cannot drift.
 */
export const CHANNEL_SETTING_SPECS = {
  email: emailSettings,
  widget: widgetSettings,
  voice: voiceSettings,
  wechat: wechatSettings,
  progress_page: progressPageSettings,
} as const;

type Specs = typeof CHANNEL_SETTING_SPECS;
export type ChannelKey = keyof Specs;
export const CHANNEL_KEYS = Object.keys(CHANNEL_SETTING_SPECS) as ChannelKey[];

function eachChannel<T>(pick: <K extends ChannelKey>(spec: Specs[K]) => T): Record<ChannelKey, T> {
  return Object.fromEntries(CHANNEL_KEYS.map((key) => [key, pick(CHANNEL_SETTING_SPECS[key])])) as Record<
    ChannelKey,
    T
  >;
}

export const CHANNEL_SETTINGS = Object.fromEntries(
  CHANNEL_KEYS.map((key) => [key, CHANNEL_SETTING_SPECS[key].schema]),
) as { readonly [K in ChannelKey]: Specs[K]['schema'] };

export type ChannelSettingsOf<K extends ChannelKey> = z.infer<Specs[K]['schema']>;

/** On until switched off, except WeChat, which cannot work before its token is set. */
export const ENABLED_BY_DEFAULT: Record<ChannelKey, boolean> = eachChannel((spec) => spec.defaultOn);

/** Settings fields a browser never receives back. */
export const SECRET_FIELDS: Record<ChannelKey, readonly string[]> = eachChannel((spec) => spec.secrets);

/** The settings form of each channel, which the web's settings screen renders (channels.forms). */
export const CHANNEL_FORMS: Record<ChannelKey, readonly ChannelField[]> = eachChannel((spec) => spec.fields);
