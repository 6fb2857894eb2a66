import type { Locale } from '@flowdesk/model';
import type { KbAnswer, KbAnswerSource } from '@flowdesk/store';
import type { AppServices } from '../app-deps.ts';

/** How far back "recent answers" count, as the knowledge screen's column says. */
export const USAGE_WINDOW_DAYS = 30;
/** The latest uses shown under each article. */
export const LATEST_USES_PER_ARTICLE = 5;

export interface ArticleUse {
  source: KbAnswerSource;
  executionId: string | null;
  requestId: string | null;
  ticketId: string | null;
  locale: Locale;
  at: string;
}

export interface ArticleUsage {
  articleId: string;
  /** Requests a flow answered with it plus replies agents inserted it into. */
  usesTotal: number;
  usesLast30Days: number;
  helpful: number;
  notHelpful: number;
  /** Null when never used. */
  lastUsedAt: string | null;
  latest: ArticleUse[];
}

const use = (answer: KbAnswer): ArticleUse => ({
  source: answer.source,
  executionId: answer.executionId,
  requestId: answer.requestId,
  ticketId: answer.ticketId,
  locale: answer.locale,
  at: answer.at,
});

/** One row per article of the workspace, unused ones too, in the articles' order (by id). */
export async function knowledgeUsage(services: AppServices, workspaceId: string): Promise<ArticleUsage[]> {
  const { store } = services;
  const since = new Date(services.clock.now().getTime() - USAGE_WINDOW_DAYS * 86_400_000).toISOString();
  const [articles, counts, feedback, latest] = await Promise.all([
    store.kbArticles.list(workspaceId),
    store.kbAnswers.usage(workspaceId, since),
    store.kbFeedback.stats(workspaceId),
    store.kbAnswers.latest(workspaceId, LATEST_USES_PER_ARTICLE),
  ]);
  const countsById = new Map(counts.map((row) => [row.articleId, row]));
  const feedbackById = new Map(feedback.map((row) => [row.articleId, row]));
  const latestById = new Map<string, ArticleUse[]>();
  for (const answer of latest) {
    const list = latestById.get(answer.articleId) ?? [];
    list.push(use(answer));
    latestById.set(answer.articleId, list);
  }
  return articles.map((article) => {
    const count = countsById.get(article.id);
    const votes = feedbackById.get(article.id);
    return {
      articleId: article.id,
      usesTotal: count?.total ?? 0,
      usesLast30Days: count?.recent ?? 0,
      helpful: votes?.helpful ?? 0,
      notHelpful: votes?.notHelpful ?? 0,
      lastUsedAt: count?.lastAt ?? null,
      latest: latestById.get(article.id) ?? [],
    };
  });
}
