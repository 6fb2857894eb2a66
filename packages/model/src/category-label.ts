import { z } from 'zod';
import type { Locale, LocalizedText } from './i18n.ts';

/**
 * The name of a Classify category. Flows saved before names were bilingual
 * hold one text for every language; new ones hold a name per language, and a
 * language left empty falls back to the other one, then to the id. Every
 * screen, explanation and report that shows a category reads it through
 * `categoryLabel`, so an English agent sees English names where there are any.
 */
export const CATEGORY_LABEL_MAX_LENGTH = 100;

const BilingualLabelSchema = z
  .strictObject({
    'zh-CN': z.string().max(CATEGORY_LABEL_MAX_LENGTH),
    en: z.string().max(CATEGORY_LABEL_MAX_LENGTH),
  })
  .refine((label) => label['zh-CN'].trim() !== '' || label.en.trim() !== '', { message: 'value.required' });

export const CategoryLabelSchema = z.union([
  z.string().min(1).max(CATEGORY_LABEL_MAX_LENGTH),
  BilingualLabelSchema,
]);
export type CategoryLabel = string | LocalizedText;

/** A category as anything that shows it knows it: an id and, usually, a label (maybe from stored data). */
export interface LabelledCategory {
  readonly id: string;
  readonly label?: unknown;
}

function textIn(label: unknown, locale: Locale): string {
  if (typeof label === 'string') return label.trim();
  if (label === null || typeof label !== 'object') return '';
  const value = (label as Record<string, unknown>)[locale];
  return typeof value === 'string' ? value.trim() : '';
}

/** The category's name in `locale`: its own, else the other language's, else its id. */
export function categoryLabel(category: LabelledCategory, locale: Locale): string {
  const other: Locale = locale === 'en' ? 'zh-CN' : 'en';
  return textIn(category.label, locale) || textIn(category.label, other) || category.id;
}

/** The category's name in every language (see categoryLabel), for answers each reader shows in theirs. */
export function categoryLabelText(category: LabelledCategory): LocalizedText {
  return { 'zh-CN': categoryLabel(category, 'zh-CN'), en: categoryLabel(category, 'en') };
}

/**
 * The categories of the Classify steps among `nodes`, first one per id, with
 * their names in both languages: what a flow can sort a request into.
 */
export function classifyCategoriesOf(
  nodes: readonly { readonly type: string; readonly config?: unknown }[],
): Array<{ id: string; label: LocalizedText }> {
  const found = new Map<string, { id: string; label: LocalizedText }>();
  for (const node of nodes) {
    if (node.type !== 'logic.classify') continue;
    const categories = (node.config as { categories?: unknown } | null | undefined)?.categories;
    if (!Array.isArray(categories)) continue;
    for (const category of categories as LabelledCategory[]) {
      if (typeof category?.id !== 'string' || category.id === '' || found.has(category.id)) continue;
      found.set(category.id, { id: category.id, label: categoryLabelText(category) });
    }
  }
  return [...found.values()];
}
