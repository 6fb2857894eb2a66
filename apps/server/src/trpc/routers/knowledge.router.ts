import { ArticleInputSchema, articleFrom, buildKnowledgeIndex } from '@flowdesk/desk';
import type { UserRole } from '@flowdesk/store';
import { z } from 'zod';
import { DEFAULT_WORKSPACE_ID } from '../../app-deps.ts';
import { AppError } from '../../http/app-error.ts';
import { deskDepsOf, inDesk } from '../../tickets/ticket-actions.ts';
import { procedure, router } from '../trpc.ts';

/** Knowledge-base articles for the editors who write them, and what customers said about the answers. */

const EDITORS: readonly UserRole[] = ['admin', 'editor'];
const editors = () => procedure.meta({ roles: EDITORS, contacts: 'none' });
const ArticleId = z.strictObject({ id: z.string().min(1).max(200) });

function articleNotFound(id: string): AppError {
  return new AppError('not_found', 'article_not_found', { params: { id } });
}

export const knowledgeRouter = router({
  /** Ordered by id. */
  list: editors().query(({ ctx }) => ctx.services.store.kbArticles.list(DEFAULT_WORKSPACE_ID)),

  get: editors()
    .input(ArticleId)
    .query(async ({ ctx, input }) => {
      const article = await ctx.services.store.kbArticles.get(input.id);
      if (!article || article.workspaceId !== DEFAULT_WORKSPACE_ID) throw articleNotFound(input.id);
      return article;
    }),

  create: editors()
    .input(ArticleInputSchema)
    .mutation(({ ctx, input }) =>
      inDesk(ctx.services, (scope) =>
        scope.tx.kbArticles.put(articleFrom(scope, ctx.services.ids.next(), input)),
      ),
    ),

  update: editors()
    .input(ArticleId.extend({ article: ArticleInputSchema }))
    .mutation(({ ctx, input }) =>
      inDesk(ctx.services, async (scope) => {
        const existing = await scope.tx.kbArticles.get(input.id);
        if (!existing || existing.workspaceId !== DEFAULT_WORKSPACE_ID) throw articleNotFound(input.id);
        return scope.tx.kbArticles.put(articleFrom(scope, input.id, input.article));
      }),
    ),

  delete: editors()
    .input(ArticleId)
    .mutation(async ({ ctx, input }) => {
      if (!(await ctx.services.store.kbArticles.delete(input.id))) throw articleNotFound(input.id);
      return { deleted: true };
    }),

  /** Helpful / not helpful counts per article that has feedback. */
  feedbackStats: editors().query(({ ctx }) => ctx.services.store.kbFeedback.stats(DEFAULT_WORKSPACE_ID)),

  /**
   * What the auto-reply node would find for a question, with each article's
   * confidence, so editors can tune question variants and the node's threshold.
   * Builds a fresh index: this is an editing tool, not the request path.
   */
  try: editors()
    .input(z.strictObject({ question: z.string().trim().min(1).max(2000) }))
    .query(async ({ ctx, input }) => {
      const articles = await ctx.services.store.kbArticles.list(deskDepsOf(ctx.services).workspaceId);
      return buildKnowledgeIndex(articles).search(input.question, 5);
    }),
});
