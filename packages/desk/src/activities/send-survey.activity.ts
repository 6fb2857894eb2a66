import { renderTemplate } from '@flowdesk/engine';
import type { DeskDeps } from '../desk-deps.ts';
import { flowReplyOrigin } from '../notifications/flow-reply-origin.ts';
import { pickLocalized } from '../notifications/message-content.ts';
import { routeReply } from '../notifications/reply-routing.ts';
import { createSurveyInvitation } from '../surveys/survey-invitation.ts';
import type { ActivityModule, TypedActivityHandler } from './activity.types.ts';
import { customerContact, localeOf, ticketIdOf } from './activity-support.ts';
import { simulated } from './simulation-support.ts';

export interface SurveyLinkOptions {
  /** The public address of a survey page for a token. Default `/s/<token>`. */
  readonly surveyLink?: (token: string) => string;
}

const DEFAULT_QUESTION = {
  csat: { 'zh-CN': '您对本次服务满意吗？', en: 'How satisfied are you with our service?' },
  nps: { 'zh-CN': '您有多大可能向朋友推荐我们？', en: 'How likely are you to recommend us to a friend?' },
} as const;

/**
 * Creates a survey with a fresh link (only the token's hash is stored) and
 * sends the link: as the reply to the request, or by email or SMS through the
 * outbox, in the same transaction as the step.
 */
export function sendSurveyActivity(
  deps: DeskDeps & SurveyLinkOptions,
): TypedActivityHandler<'action.send_survey'> {
  return {
    mode: 'inline',
    async run(command, ctx) {
      const config = command.config;
      const data = command.input;
      const locale = localeOf(data);
      const to =
        config.channel === 'email'
          ? customerContact(data, 'email')
          : config.channel === 'sms'
            ? customerContact(data, 'phone')
            : 'reply';
      if (!to) {
        return {
          ok: false,
          error: {
            code: 'notification.no_recipient',
            params: {},
            retryable: false,
          },
        };
      }
      const question = renderTemplate(
        pickLocalized(config.question ?? DEFAULT_QUESTION[config.kind], locale),
        data,
        {
          locale,
        },
      ).text;
      const now = ctx.now.toISOString();
      const { survey, subject, text } = await createSurveyInvitation(ctx.tx, deps, {
        kind: config.kind,
        channel: config.channel,
        expiresInDays: config.expiresInDays,
        question,
        locale,
        ticketId: ticketIdOf(data),
        customerId: typeof data.customer?.id === 'string' ? data.customer.id : null,
        executionId: ctx.executionId,
        now,
      });
      if (config.channel === 'reply') {
        // On the request's channel, or the ticket's when a ticket event started the flow.
        const origin = await flowReplyOrigin(ctx.tx, data);
        ctx.produce({ kind: 'reply', channel: origin.channel, text });
        if (!ctx.dryRun) {
          const reply = { subject, body: text, author: 'flow' as const, key: ctx.idempotencyKey };
          await routeReply(ctx.tx, origin, { ...reply, now: ctx.now, answering: ctx.answering }, ctx.enqueue);
        }
      } else if (!ctx.dryRun) {
        await ctx.enqueue({
          kind: 'outbox.deliver',
          runAt: now,
          payload: {
            channel: config.channel,
            to,
            subject,
            body: text,
          },
          idempotencyKey: ctx.idempotencyKey,
        });
      }
      // The link is not put in the flow data: the step log would keep a working token.
      return {
        ok: true,
        output: { survey: { id: survey.id, kind: survey.kind, expiresAt: survey.expiresAt } },
      };
    },
  };
}

/** A dry run notes the survey it would send and shows a link that leads nowhere. */
export const sendSurveyModule: ActivityModule<'action.send_survey', DeskDeps & SurveyLinkOptions> = {
  type: 'action.send_survey',
  handler: sendSurveyActivity,
  simulate: (command, simulation) => {
    simulation.note('survey', String(command.config.kind));
    return simulated({ survey: { id: 'dry-run-survey', link: 'https://example.invalid/s/dry-run' } });
  },
};
