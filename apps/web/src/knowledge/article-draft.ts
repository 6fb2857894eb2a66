import { LOCALES, type Locale, type LocalizedText } from '@flowdesk/model';
import type { ListedArticle } from './knowledge-filter.ts';

/** The editor's working copy: question lists keep blank rows while someone types. */
export interface ArticleDraft {
  title: LocalizedText;
  questions: Record<Locale, string[]>;
  answer: LocalizedText;
  tags: string[];
}

export const EMPTY_DRAFT: ArticleDraft = {
  title: { 'zh-CN': '', en: '' },
  questions: { 'zh-CN': [''], en: [''] },
  answer: { 'zh-CN': '', en: '' },
  tags: [],
};

export function draftOf(article: ListedArticle): ArticleDraft {
  const questions = (locale: Locale) =>
    article.questions[locale].length > 0 ? [...article.questions[locale]] : [''];
  return {
    title: { ...article.title },
    questions: { 'zh-CN': questions('zh-CN'), en: questions('en') },
    answer: { ...article.answer },
    tags: [...article.tags],
  };
}

/** What knowledge.create / update take: blank question rows dropped, texts trimmed. */
export function articleInput(draft: ArticleDraft) {
  const questions = (locale: Locale) =>
    draft.questions[locale].map((question) => question.trim()).filter((question) => question !== '');
  return {
    title: { 'zh-CN': draft.title['zh-CN'].trim(), en: draft.title.en.trim() },
    questions: { 'zh-CN': questions('zh-CN'), en: questions('en') },
    answer: { 'zh-CN': draft.answer['zh-CN'].trim(), en: draft.answer.en.trim() },
    tags: draft.tags,
  };
}

/** A tag as typed, added once; blank or repeated tags change nothing. */
export function withTag(tags: readonly string[], typed: string): string[] {
  const tag = typed.trim().slice(0, 50);
  if (!tag || tags.includes(tag)) return [...tags];
  return [...tags, tag];
}

/** Which language tabs hold something, so the editor can say a language is still empty. */
export function filledLocales(draft: ArticleDraft): Locale[] {
  const input = articleInput(draft);
  return LOCALES.filter(
    (locale) =>
      input.title[locale] !== '' || input.questions[locale].length > 0 || input.answer[locale] !== '',
  );
}
