import { z } from 'zod';

/** The languages every screen, message and template exists in. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const LocaleSchema = z.enum(LOCALES);

/** A text shown to people, in every supported language. */
export type LocalizedText = Readonly<Record<Locale, string>>;

export const LocalizedTextSchema = z.strictObject({
  'zh-CN': z.string(),
  en: z.string(),
});

/** Builds a LocalizedText; Chinese first because most of our users read it first. */
export function text(zhCN: string, en: string): LocalizedText {
  return { 'zh-CN': zhCN, en };
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
