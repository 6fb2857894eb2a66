import type { Locale, LocalizedText } from '@flowdesk/model';

/** `zh`, `zh-CN`, `zh_CN.UTF-8` → zh-CN; `en`, `en_US.UTF-8` → en; anything else is not ours. */
export function normalizeLocale(value: string | undefined): Locale | undefined {
  const lower = (value ?? '').trim().toLowerCase();
  if (lower.startsWith('zh')) return 'zh-CN';
  if (lower.startsWith('en')) return 'en';
  return undefined;
}

/** `--lang` first, then FLOWDESK_LANG, then a Chinese LANG, else English. */
export function resolveLocale(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Locale {
  return (
    normalizeLocale(flag) ??
    normalizeLocale(env.FLOWDESK_LANG) ??
    (normalizeLocale(env.LANG) === 'zh-CN' ? 'zh-CN' : 'en')
  );
}

export function say(locale: Locale, message: LocalizedText): string {
  return message[locale];
}
