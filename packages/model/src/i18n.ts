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

/**
 * The values a message's placeholders take. Records keep a code with these
 * instead of the finished text, so each reader gets it in their own language.
 * `legacyText` holds the text of a record written before codes were stored.
 */
export const MessageParamsSchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), LocalizedTextSchema]),
);
export type MessageParams = z.infer<typeof MessageParamsSchema>;

/** True for a `{ zh-CN, en }` object, as a `legacyText` param holds. */
export function isLocalizedText(value: unknown): value is LocalizedText {
  return LocalizedTextSchema.safeParse(value).success;
}

/** The params as the catalogs' text builders read them: numbers stay numbers, the rest becomes text. */
export function scalarParams(params: MessageParams): Record<string, string | number> {
  const scalars: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'string' || typeof value === 'number') scalars[key] = value;
    else if (typeof value === 'boolean') scalars[key] = String(value);
  }
  return scalars;
}
