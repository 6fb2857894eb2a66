import type { Locale, LocalizedText } from './model.types.ts';

/**
 * Knowledge-base articles and what customers said about their answers. The
 * store keeps the articles; retrieval (the search index) lives in @flowdesk/desk.
 */

export interface KbArticle {
  id: string;
  workspaceId: string;
  title: LocalizedText;
  /** The ways customers ask this question, per locale; retrieval matches against these. */
  questions: Readonly<Record<Locale, readonly string[]>>;
  answer: LocalizedText;
  tags: string[];
  updatedAt: string;
}

export interface KbArticleRepository {
  /** Creates or replaces the article and moves its workspace's revision on. */
  put(article: KbArticle): Promise<KbArticle>;
  get(id: string): Promise<KbArticle | null>;
  /** Ordered by id. */
  list(workspaceId: string): Promise<KbArticle[]>;
  /** Moves the workspace's revision on when something was deleted. */
  delete(id: string): Promise<boolean>;
  /**
   * A number that changes whenever an article of the workspace is written or
   * deleted (0 before the first write): a cheap check whether a search index
   * built earlier is still current.
   */
  revision(workspaceId: string): Promise<number>;
}

export interface KbFeedback {
  id: string;
  workspaceId: string;
  articleId: string;
  helpful: boolean;
  /** The intake request the answer was given to, when the customer's client knows it. */
  requestId: string | null;
  executionId: string | null;
  at: string;
}

export interface KbFeedbackStats {
  articleId: string;
  helpful: number;
  notHelpful: number;
}

export interface KbFeedbackRepository {
  /** Throws StoreError('duplicate') when the id exists. */
  add(feedback: KbFeedback): Promise<KbFeedback>;
  /** Oldest first. */
  list(articleId: string): Promise<KbFeedback[]>;
  /** Counts per article that has feedback, ordered by article id. */
  stats(workspaceId: string): Promise<KbFeedbackStats[]>;
}
