import type { KbAnswer, KbArticle, KbArticleStatus, KbFeedback, StoreRepositories } from '@flowdesk/store';
import { z } from 'zod';
import { type DeskScope, nowIso, workspaceOf } from '../desk-deps.ts';

/** What an editor writes; the id, workspace and time come from the server. */
const Question = z.string().trim().min(1).max(500);
const Questions = z.array(Question).max(50);

export const ArticleInputSchema = z.strictObject({
  title: z.strictObject({ 'zh-CN': z.string().trim().max(200), en: z.string().trim().max(200) }),
  questions: z.strictObject({ 'zh-CN': Questions, en: Questions }),
  answer: z.strictObject({ 'zh-CN': z.string().max(5000), en: z.string().max(5000) }),
  tags: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
});
export type ArticleInput = z.output<typeof ArticleInputSchema>;

/** A customer's verdict on an answer, as the public API takes it. */
export const FeedbackInputSchema = z.strictObject({
  articleId: z.string().min(1).max(200),
  helpful: z.boolean(),
  requestId: z.string().min(1).max(200).optional(),
  executionId: z.string().min(1).max(200).optional(),
});
export type FeedbackInput = z.output<typeof FeedbackInputSchema>;

/** A new article is a draft until an editor publishes it; an edit keeps the status it had. */
export function articleFrom(
  scope: DeskScope,
  id: string,
  input: ArticleInput,
  status: KbArticleStatus = 'draft',
): KbArticle {
  return {
    id,
    workspaceId: workspaceOf(scope.deps),
    title: input.title,
    questions: input.questions,
    answer: input.answer,
    tags: input.tags,
    status,
    updatedAt: nowIso(scope.deps),
  };
}

/**
 * Stores feedback on an article of this workspace; null when the article does
 * not exist there (the API answers 404 rather than keeping orphan votes).
 */
export async function recordFeedback(scope: DeskScope, input: FeedbackInput): Promise<KbFeedback | null> {
  const tx: StoreRepositories = scope.tx;
  const article = await tx.kbArticles.get(input.articleId);
  if (!article || article.workspaceId !== workspaceOf(scope.deps)) return null;
  return tx.kbFeedback.add({
    id: scope.deps.ids.next(),
    workspaceId: article.workspaceId,
    articleId: article.id,
    helpful: input.helpful,
    requestId: input.requestId ?? null,
    executionId: input.executionId ?? null,
    at: nowIso(scope.deps),
  });
}

/**
 * An agent put a published article of this workspace into a reply on a ticket:
 * one use by an agent. Null when the article is not there or not published
 * (agents only ever see published ones), so nothing is recorded.
 */
export async function recordAgentUse(
  scope: DeskScope,
  input: {
    /** Chosen by the caller for this one use, so a retried or repeated call records it once. */
    useId: string;
    articleId: string;
    ticketId: string;
    agentId: string;
    locale: KbAnswer['locale'];
  },
): Promise<KbAnswer | null> {
  const article = await scope.tx.kbArticles.get(input.articleId);
  if (!article || article.workspaceId !== workspaceOf(scope.deps) || article.status !== 'published')
    return null;
  const answer: KbAnswer = {
    id: input.useId,
    workspaceId: article.workspaceId,
    articleId: article.id,
    source: 'agent',
    executionId: null,
    requestId: null,
    ticketId: input.ticketId,
    agentId: input.agentId,
    locale: input.locale,
    at: nowIso(scope.deps),
  };
  await scope.tx.kbAnswers.record(answer);
  return answer;
}
