import { ArticleInputSchema, articleFrom, buildKnowledgeIndex, recordAgentUse } from '@flowdesk/desk';
import { LocaleSchema } from '@flowdesk/model';
import type { KbArticle, KbArticleStatus, UserRole } from '@flowdesk/store';
import { z } from 'zod';
import { DEFAULT_WORKSPACE_ID } from '../../app-deps.ts';
import { auditCall } from '../../audit/audit-log.ts';
import { ROLES } from '../../auth/roles.ts';
import { AppError } from '../../http/app-error.ts';
import { knowledgeUsage } from '../../knowledge/knowledge-usage.ts';
import { deskDepsOf, inDesk, notFoundParams } from '../../tickets/ticket-actions.ts';
import { actorOf, procedure, router } from '../trpc.ts';

/**
 * The knowledge base: editors (and admins) write articles, keep them as drafts
 * and publish them; only published articles answer customers and show as
 * agents' suggestions. Ticket workers read the published ones, so an agent can
 * look an answer up. Usage says which requests each article answered.
 */

const editors = () => procedure.meta({ roles: ROLES.flowEditors, contacts: 'none' });
/** Editors see drafts too; ticket workers only what is published. */
const READERS: readonly UserRole[] = [...new Set<UserRole>([...ROLES.flowEditors, ...ROLES.ticketWorkers])];
const readers = () => procedure.meta({ roles: READERS, contacts: 'none' });
const workers = () => procedure.meta({ roles: ROLES.ticketWorkers, contacts: 'none' });
const Id = z.string().min(1).max(200);
const ArticleId = z.strictObject({ id: Id });

const seesDrafts = (role: UserRole) => (ROLES.flowEditors as readonly UserRole[]).includes(role);

function articleNotFound(id: string): AppError {
  return new AppError('not_found', 'article_not_found', { params: { id } });
}

/** An article of this workspace that the role may see, else not found (a draft is invisible to agents). */
function visible(article: KbArticle | null, id: string, role: UserRole): KbArticle {
  if (!article || article.workspaceId !== DEFAULT_WORKSPACE_ID) throw articleNotFound(id);
  if (article.status !== 'published' && !seesDrafts(role)) throw articleNotFound(id);
  return article;
}

/** Something to match and something to answer with, in at least one language. */
function checkPublishable(article: KbArticle): void {
  const hasQuestion = article.questions['zh-CN'].length + article.questions.en.length > 0;
  const hasAnswer = article.answer['zh-CN'].trim() !== '' || article.answer.en.trim() !== '';
  if (!hasQuestion || !hasAnswer) {
    throw new AppError('bad_request', 'article_not_publishable', {
      params: { id: article.id },
      pointer: hasQuestion ? '/answer' : '/questions',
    });
  }
}

const setStatus = (status: KbArticleStatus) =>
  editors()
    .input(ArticleId)
    .mutation(async ({ ctx, input }) => {
      const { article, changed } = await inDesk(ctx.services, async (scope) => {
        const existing = visible(await scope.tx.kbArticles.get(input.id), input.id, 'admin');
        if (existing.status === status) return { article: existing, changed: false };
        if (status === 'published') checkPublishable(existing);
        const written = await scope.tx.kbArticles.put({
          ...existing,
          status,
          updatedAt: scope.deps.clock.now().toISOString(),
        });
        return { article: written, changed: true };
      });
      if (changed) {
        await auditCall(
          ctx,
          status === 'published' ? 'knowledge.publish' : 'knowledge.unpublish',
          `article:${article.id}`,
        );
      }
      return article;
    });

export const knowledgeRouter = router({
  /** Ordered by id; drafts only for editors. */
  list: readers().query(async ({ ctx }) => {
    const articles = await ctx.services.store.kbArticles.list(DEFAULT_WORKSPACE_ID);
    return seesDrafts(actorOf(ctx).role)
      ? articles
      : articles.filter((article) => article.status === 'published');
  }),

  get: readers()
    .input(ArticleId)
    .query(async ({ ctx, input }) =>
      visible(await ctx.services.store.kbArticles.get(input.id), input.id, actorOf(ctx).role),
    ),

  /** A new article is a draft. */
  create: editors()
    .input(ArticleInputSchema)
    .mutation(({ ctx, input }) =>
      inDesk(ctx.services, (scope) =>
        scope.tx.kbArticles.put(articleFrom(scope, ctx.services.ids.next(), input, 'draft')),
      ),
    ),

  /** Changes the texts and tags; a published article stays published. */
  update: editors()
    .input(ArticleId.extend({ article: ArticleInputSchema }))
    .mutation(({ ctx, input }) =>
      inDesk(ctx.services, async (scope) => {
        const existing = visible(await scope.tx.kbArticles.get(input.id), input.id, 'admin');
        if (existing.status === 'published') checkPublishable({ ...existing, ...input.article });
        return scope.tx.kbArticles.put(articleFrom(scope, input.id, input.article, existing.status));
      }),
    ),

  /** Audited: from now on flows answer with it and agents see it. */
  publish: setStatus('published'),
  /** Audited: back to a draft, which answers nobody. */
  unpublish: setStatus('draft'),

  delete: editors()
    .input(ArticleId)
    .mutation(async ({ ctx, input }) => {
      visible(await ctx.services.store.kbArticles.get(input.id), input.id, 'admin');
      if (!(await ctx.services.store.kbArticles.delete(input.id))) throw articleNotFound(input.id);
      await auditCall(ctx, 'knowledge.delete', `article:${input.id}`);
      return { deleted: true };
    }),

  /** Helpful / not helpful counts per article that has feedback. */
  feedbackStats: editors().query(({ ctx }) => ctx.services.store.kbFeedback.stats(DEFAULT_WORKSPACE_ID)),

  /**
   * Per article: uses in total and in the last 30 days (flows' answers and
   * agents' inserted suggestions), helpful / not helpful, last use, and the
   * latest uses with the execution or ticket each belongs to.
   */
  usage: editors().query(({ ctx }) => knowledgeUsage(ctx.services, DEFAULT_WORKSPACE_ID)),

  /**
   * An agent inserted a suggested article into a reply on a ticket: one use by an agent. The web
   * app names the use (`useId`, a UUID), so a double click or a retry of the same use counts once.
   */
  recordUse: workers()
    .input(z.strictObject({ useId: z.uuid(), articleId: Id, ticketId: Id, locale: LocaleSchema }))
    .mutation(async ({ ctx, input }) => {
      const ticket = await ctx.services.store.tickets.get(input.ticketId);
      if (!ticket || ticket.workspaceId !== DEFAULT_WORKSPACE_ID) {
        throw new AppError('not_found', 'desk_not_found', notFoundParams(input.ticketId));
      }
      const used = await inDesk(ctx.services, (scope) =>
        recordAgentUse(scope, { ...input, agentId: actorOf(ctx).id }),
      );
      if (!used) throw articleNotFound(input.articleId);
      return { recorded: true };
    }),

  /**
   * What the auto-reply node would find for a question among the published
   * articles, with each one's confidence, so editors can tune question variants
   * and the node's threshold. Builds a fresh index: an editing tool, not the request path.
   */
  try: editors()
    .input(z.strictObject({ question: z.string().trim().min(1).max(2000) }))
    .query(async ({ ctx, input }) => {
      const articles = await ctx.services.store.kbArticles.list(deskDepsOf(ctx.services).workspaceId);
      return buildKnowledgeIndex(articles).search(input.question, 5);
    }),
});
