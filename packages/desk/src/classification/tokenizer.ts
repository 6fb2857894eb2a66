import { synonymFeatures } from './zh-synonyms.ts';

/*
 * Turns a customer's message into features for the classifier. Chinese has no
 * spaces, so Han runs are cut into words by the built-in ICU segmenter and also
 * into single characters and character bigrams (which survive segmenter
 * mistakes and typos). Other scripts give lower-cased words, word bigrams and
 * character 3–5-grams inside each word (which survive misspellings such as
 * "cancelation"). Emoji and punctuation carry little intent and are dropped.
 * Chinese synonyms (撤销, 撤回, 作废 for cancel) can also share a concept feature.
 */

export interface TokenizerOptions {
  /** Character n-gram lengths inside non-Han words. Default 3–5. */
  readonly charNgramMin?: number;
  readonly charNgramMax?: number;
  /** Adjacent word pairs ("cancel order" vs "track order"). Default true. */
  readonly wordBigrams?: boolean;
  /**
   * One shared feature per group of Chinese synonyms in the text (zh-synonyms.ts).
   * Default false, so a model saved before it existed scores texts as it was
   * trained; `trainModel` turns it on for new models.
   */
  readonly synonyms?: boolean;
}

const HAN_RUN = /\p{Script=Han}+/gu;
// A word of any other script, with inner apostrophes ("don't") kept together.
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu;
const DIGITS = /\p{Nd}+/gu;
const HAN_CHAR = /\p{Script=Han}/u;
const NUMBER_TOKEN = '<num>';
const SURROGATE = /[\uD800-\uDFFF]/;

let zhSegmenter: Intl.Segmenter | undefined;
function segmenter(): Intl.Segmenter {
  zhSegmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  return zhSegmenter;
}

/** NFKC folds full-width letters and digits (ＡＢＣ１２３) into their plain forms. */
export function normalizeText(input: string): string {
  return input.normalize('NFKC').toLowerCase();
}

/** Lower-cased words with digit runs as `<num>`, e.g. "Order #123A" → ["order", "<num>a"]. */
export function latinWords(normalized: string): string[] {
  const words: string[] = [];
  for (const piece of normalized.replace(HAN_RUN, ' ').matchAll(WORD)) {
    words.push(piece[0].replace(/['’]/g, '').replace(DIGITS, NUMBER_TOKEN));
  }
  return words;
}

/** Han words as the segmenter sees them, in order. */
export function hanWords(normalized: string): string[] {
  const words: string[] = [];
  for (const run of normalized.matchAll(HAN_RUN)) {
    for (const part of segmenter().segment(run[0])) {
      if (part.isWordLike && HAN_CHAR.test(part.segment)) words.push(part.segment);
    }
  }
  return words;
}

function pushCharNgrams(word: string, min: number, max: number, out: string[]): void {
  // Digits are one symbol in n-grams so "order 123" and "order 98765" look alike.
  const padded = `<${word.replace(/<num>/g, '0')}>`;
  if (!SURROGATE.test(padded)) {
    // Fast path: every character is one UTF-16 unit, so plain slices are whole characters.
    for (let n = min; n <= max; n++) {
      for (let start = 0; start + n <= padded.length; start++)
        out.push(`c:${padded.slice(start, start + n)}`);
    }
    return;
  }
  const chars = Array.from(padded);
  for (let n = min; n <= max; n++) {
    for (let start = 0; start + n <= chars.length; start++) {
      out.push(`c:${chars.slice(start, start + n).join('')}`);
    }
  }
}

function pushHanFeatures(normalized: string, out: string[]): void {
  for (const word of hanWords(normalized)) out.push(`h:${word}`);
  for (const run of normalized.matchAll(HAN_RUN)) {
    const chars = Array.from(run[0]);
    for (let i = 0; i < chars.length; i++) {
      out.push(`u:${chars[i]}`);
      if (i + 1 < chars.length) out.push(`k:${chars[i]}${chars[i + 1]}`);
    }
  }
}

/** Every feature of one text, repeated as often as it occurs (the vectoriser counts them). */
export function tokenize(input: string, options: TokenizerOptions = {}): string[] {
  const min = options.charNgramMin ?? 3;
  const max = options.charNgramMax ?? 5;
  const normalized = normalizeText(input);
  const out: string[] = [];
  const words = latinWords(normalized);
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    out.push(`w:${word}`);
    if (options.wordBigrams !== false && i + 1 < words.length) out.push(`b:${word} ${words[i + 1]}`);
    pushCharNgrams(word, min, max, out);
  }
  pushHanFeatures(normalized, out);
  if (options.synonyms === true) synonymFeatures(normalized, out);
  return out;
}
