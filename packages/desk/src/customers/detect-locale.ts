import type { Locale } from '@flowdesk/model';

/**
 * Guesses whether a customer wrote in Chinese or English, for channels that do
 * not say (email, WeChat, voice transcripts).
 *
 * Only letters count: digits, emoji and punctuation say nothing about the
 * language. Markup, links, addresses and quoted lines of an earlier message are
 * dropped first, because they are not the customer's own words. A Chinese
 * character carries about as much as an English word, so Chinese wins from a
 * fifth of the letters on: "我的 iPhone 15 Pro 屏幕坏了" is Chinese, while
 * "Hi, this is 王小明, my parcel has not arrived" is English.
 */

const CJK = /\p{Script=Han}/gu;
const LETTER = /\p{L}/gu;
const NOT_WORDS = [
  /^[^\S\n]*>.*$/gm, // quoted lines of the message being answered
  /<[^<>\n]{0,200}>/g, // markup tags
  // ASCII only, so the Chinese words written right next to a link or an address stay.
  /(?:https?:\/\/|www\.)[\x21-\x7e]+/gi,
  /(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g,
];

/**
 * The opening of a message says which language it is in; reading further only
 * costs time (the clean-up patterns are not linear on hostile input, and a
 * request may be 20,000 characters long).
 */
const SAMPLE_LENGTH = 2000;

/** Below this a Chinese character counts double, so "你好" is enough and "ok" is not. */
const MIN_WEIGHT = 4;
const CHINESE_SHARE = 0.2;

export function detectLocale(text: string): Locale | undefined {
  let words = text.slice(0, SAMPLE_LENGTH);
  for (const pattern of NOT_WORDS) words = words.replace(pattern, ' ');
  const chinese = words.match(CJK)?.length ?? 0;
  const letters = words.match(LETTER)?.length ?? 0;
  const others = letters - chinese;
  if (chinese * 2 + others < MIN_WEIGHT) return undefined;
  return chinese / letters >= CHINESE_SHARE ? 'zh-CN' : 'en';
}
