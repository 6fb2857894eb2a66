import { normalizeText } from './tokenizer.ts';

/*
 * Keyword rules come before the model because admins write them for the cases
 * they are sure about. Keywords with Chinese in them match anywhere (there are
 * no spaces to respect); other keywords must start a word, so "refund" matches
 * "refunds", "refunded" and "我要refund" but "art" does not match "start".
 */

export interface KeywordCategory {
  readonly id: string;
  readonly keywords?: readonly string[];
}

const HAN = /\p{Script=Han}/u;
// Han characters are words of their own, so one right before a keyword is still a boundary.
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

function startsAtBoundary(haystack: string, at: number): boolean {
  const before = Array.from(haystack.slice(Math.max(0, at - 2), at)).pop();
  return before === undefined || !WORD_CHAR.test(before) || HAN.test(before);
}

export function containsKeyword(normalizedText: string, keyword: string): boolean {
  const needle = normalizeText(keyword).trim();
  if (needle === '') return false;
  if (HAN.test(needle)) return normalizedText.includes(needle);
  for (let at = normalizedText.indexOf(needle); at >= 0; at = normalizedText.indexOf(needle, at + 1)) {
    if (startsAtBoundary(normalizedText, at)) return true;
  }
  return false;
}

/** Ids of the categories with at least one keyword in the text, in the categories' order. */
export function matchKeywords(text: string, categories: readonly KeywordCategory[]): string[] {
  const normalized = normalizeText(text);
  return categories
    .filter((category) => (category.keywords ?? []).some((keyword) => containsKeyword(normalized, keyword)))
    .map((category) => category.id);
}
