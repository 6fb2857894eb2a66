import type { Locale, LocalizedText } from '@flowdesk/model';

/** What the list and its filters need of an article (the shape knowledge.list answers). */
export interface ListedArticle {
  id: string;
  title: LocalizedText;
  questions: Readonly<Record<Locale, readonly string[]>>;
  answer: LocalizedText;
  tags: readonly string[];
  status: 'draft' | 'published';
}

export type StatusFilter = 'all' | 'draft' | 'published';

export interface KnowledgeFilters {
  search: string;
  /** '' for every tag. */
  tag: string;
  status: StatusFilter;
}

export const NO_FILTERS: KnowledgeFilters = { search: '', tag: '', status: 'all' };

const normalize = (value: string) => value.normalize('NFKC').toLocaleLowerCase();

/** Everything the search box looks in: titles, question variants and answers, in both languages. */
function searchableText(article: ListedArticle): string {
  return normalize(
    [
      article.title['zh-CN'],
      article.title.en,
      ...article.questions['zh-CN'],
      ...article.questions.en,
      article.answer['zh-CN'],
      article.answer.en,
    ].join('\n'),
  );
}

/** Every word typed must occur somewhere in the article (Chinese without spaces is one word, matched as a part). */
export function filterArticles<T extends ListedArticle>(
  articles: readonly T[],
  filters: KnowledgeFilters,
): T[] {
  const words = normalize(filters.search).split(/\s+/).filter(Boolean);
  return articles.filter((article) => {
    if (filters.status !== 'all' && article.status !== filters.status) return false;
    if (filters.tag && !article.tags.includes(filters.tag)) return false;
    if (words.length === 0) return true;
    const text = searchableText(article);
    return words.every((word) => text.includes(word));
  });
}

/** The tags in use, sorted, for the tag filter. */
export function tagsOf(articles: readonly ListedArticle[]): string[] {
  return [...new Set(articles.flatMap((article) => article.tags))].sort((a, b) => a.localeCompare(b));
}

/** The title in the reader's language, else the other one, else the id (an article may be written in one language). */
export function articleTitle(article: Pick<ListedArticle, 'id' | 'title'>, locale: Locale): string {
  const other: Locale = locale === 'en' ? 'zh-CN' : 'en';
  return article.title[locale].trim() || article.title[other].trim() || article.id;
}
