import type { Locale } from '@flowdesk/model';
import type { KbArticle, KbArticleRepository } from '@flowdesk/store';
import type { KnowledgeIndexCache } from './knowledge-cache.ts';
import type { KnowledgeHit } from './knowledge-index.ts';

export interface KnowledgeAnswer {
  articleId: string;
  /** The answer in the asker's language (the other language when that one is empty). */
  text: string;
  confidence: number;
  question: string;
}

export type AnswerOutcome =
  | { answered: true; answer: KnowledgeAnswer; alternatives: KnowledgeHit[] }
  | { answered: false; best: KnowledgeHit | null };

export function answerText(article: KbArticle, locale: Locale): string {
  const wanted = article.answer[locale]?.trim();
  if (wanted) return article.answer[locale];
  return locale === 'en' ? article.answer['zh-CN'] : article.answer.en;
}

/**
 * Finds the best article for a question and answers only at or above the
 * threshold; below it the caller hands the question to a person.
 */
export async function answerQuestion(
  cache: KnowledgeIndexCache,
  articles: KbArticleRepository,
  input: { workspaceId: string; question: string; locale: Locale; threshold: number },
): Promise<AnswerOutcome> {
  const index = await cache.indexFor(articles, input.workspaceId);
  const hits = index.search(input.question);
  const best = hits[0];
  if (!best || best.confidence < input.threshold) return { answered: false, best: best ?? null };
  const article = await articles.get(best.articleId);
  // Deleted or unpublished between the revision check and now: the next request rebuilds the index.
  if (!article || article.status !== 'published') return { answered: false, best };
  return {
    answered: true,
    answer: {
      articleId: article.id,
      text: answerText(article, input.locale),
      confidence: best.confidence,
      question: best.question,
    },
    alternatives: hits.slice(1),
  };
}
