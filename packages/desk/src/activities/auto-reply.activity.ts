import { readField } from '@flowdesk/engine';
import type { NodeConfig } from '@flowdesk/model';
import { type DeskDeps, workspaceOf } from '../desk-deps.ts';
import { answerQuestion } from '../knowledge/knowledge-answer.ts';
import { KnowledgeIndexCache } from '../knowledge/knowledge-cache.ts';
import type { ActivityModule, TypedActivityHandler } from './activity.types.ts';
import { localeOf, ticketIdOf } from './activity-support.ts';
import { simulated } from './simulation-support.ts';

export type AutoReplyConfig = NodeConfig<'action.auto_reply'>;

/**
 * `action.auto_reply`: answers from the knowledge base when the best published
 * article is at least `threshold` confident (port `answered`, output `reply`),
 * otherwise takes `not_answered` so a person can. With sendReply the answer also
 * goes back on the request's channel in the intake answer. An answer is recorded
 * (article, execution, request, ticket, language) in the step's transaction,
 * keyed by the step's idempotency key, so a repeated step records it once.
 */
export function autoReplyActivity(
  deps: DeskDeps,
  cache = new KnowledgeIndexCache(),
): TypedActivityHandler<'action.auto_reply'> {
  return {
    mode: 'inline',
    async run(command, ctx) {
      const config = command.config;
      const data = command.input;
      const value = readField(data, config.source);
      const locale = localeOf(data);
      const outcome = await answerQuestion(cache, ctx.tx.kbArticles, {
        workspaceId: workspaceOf(deps),
        question: typeof value === 'string' ? value : '',
        locale,
        threshold: config.threshold,
      });
      if (!outcome.answered) {
        return {
          ok: true,
          port: 'not_answered',
          output: {
            reply: {
              text: null,
              articleId: outcome.best?.articleId ?? null,
              confidence: outcome.best?.confidence ?? 0,
            },
          },
        };
      }
      const { answer } = outcome;
      const requestId = data.request?.id;
      await ctx.tx.kbAnswers.record({
        id: ctx.idempotencyKey,
        workspaceId: workspaceOf(deps),
        articleId: answer.articleId,
        source: 'flow',
        executionId: ctx.executionId,
        requestId: typeof requestId === 'string' && requestId ? requestId : null,
        ticketId: ticketIdOf(data),
        agentId: null,
        locale,
        at: ctx.now.toISOString(),
      });
      if (config.sendReply) {
        ctx.produce({ kind: 'reply', channel: String(data.request?.channel ?? 'api'), text: answer.text });
      }
      return {
        ok: true,
        port: 'answered',
        output: { reply: { text: answer.text, articleId: answer.articleId, confidence: answer.confidence } },
      };
    },
  };
}

/** A dry run has no knowledge base to search, so it takes the path a person handles. */
export const autoReplyModule: ActivityModule<'action.auto_reply', DeskDeps> = {
  type: 'action.auto_reply',
  handler: (deps) => autoReplyActivity(deps),
  simulate: () => simulated({}, 'not_answered'),
};
