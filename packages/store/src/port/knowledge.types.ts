import type { Locale, LocalizedText } from './model.types.ts';

/**
 * Knowledge-base articles and what customers said about their answers. The
 * store keeps the articles; retrieval (the search index) lives in @flowdesk/desk.
 */

/** Only published articles answer customers and show as agents' suggestions; editors see drafts too. */
export const KB_ARTICLE_STATUSES = ['draft', 'published'] as const;
export type KbArticleStatus = (typeof KB_ARTICLE_STATUSES)[number];

export interface KbArticle {
  id: string;
  workspaceId: string;
  title: LocalizedText;
  /** The ways customers ask this question, per locale; retrieval matches against these. */
  questions: Readonly<Record<Locale, readonly string[]>>;
  answer: LocalizedText;
  tags: string[];
  status: KbArticleStatus;
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

/**
 * One use of an article: a flow's auto-reply step answered a request with it,
 * or an agent inserted it into a reply. Usage counts and "which requests did
 * this article answer" are read from these.
 */
export const KB_ANSWER_SOURCES = ['flow', 'agent'] as const;
export type KbAnswerSource = (typeof KB_ANSWER_SOURCES)[number];

export interface KbAnswer {
  /** For a flow's answer the step's idempotency key, so a repeated step records it once. */
  id: string;
  workspaceId: string;
  articleId: string;
  source: KbAnswerSource;
  executionId: string | null;
  requestId: string | null;
  ticketId: string | null;
  /** The user id of the agent who inserted it; null for a flow's answer. */
  agentId: string | null;
  locale: Locale;
  at: string;
}

export interface KbAnswerUsage {
  articleId: string;
  total: number;
  /** Answers at or after the `since` time asked for. */
  recent: number;
  lastAt: string;
}

export interface KbAnswerRepository {
  /** Records the answer; false (and nothing changed) when its id was recorded before. */
  record(answer: KbAnswer): Promise<boolean>;
  /** Counts per article that was used, ordered by article id. */
  usage(workspaceId: string, since: string): Promise<KbAnswerUsage[]>;
  /** The newest `perArticle` answers of each article of the workspace, newest first within an article. */
  latest(workspaceId: string, perArticle: number): Promise<KbAnswer[]>;
}
