import { createSurveyInvitation, primaryIdentity } from '@flowdesk/desk';
import type { AppServices } from '../app-deps.ts';
import { AppError } from '../http/app-error.ts';
import { type Acting, inDesk } from './ticket-actions.ts';

export interface SurveyRequest {
  kind: 'csat' | 'nps';
  channel: 'email' | 'sms';
  expiresInDays: number;
}

const SURVEY_QUESTION = {
  csat: { 'zh-CN': '您对本次服务满意吗？', en: 'How satisfied are you with our service?' },
  nps: { 'zh-CN': '您有多大可能向朋友推荐我们？', en: 'How likely are you to recommend us to a friend?' },
} as const;

/**
 * A person sends the ticket's customer a survey by email or SMS, outside any
 * flow: the same single-use link a send_survey step makes, through the outbox.
 */
export function sendSurvey(
  services: AppServices,
  id: string,
  request: SurveyRequest,
  acting: Acting,
): Promise<{ surveyId: string; channel: string; expiresAt: string }> {
  return inDesk(services, async (scope) => {
    const ticket = await scope.tx.tickets.get(id);
    if (!ticket) {
      throw new AppError('not_found', 'desk_not_found', {
        params: { zh: `找不到工单「${id}」`, en: `Ticket "${id}" does not exist` },
      });
    }
    const customer = ticket.customerId ? await scope.tx.customers.get(ticket.customerId) : null;
    const to = customer ? primaryIdentity(customer, request.channel === 'email' ? 'email' : 'phone') : null;
    if (!to)
      throw new AppError('precondition_failed', 'no_contact', { params: { channel: request.channel } });
    const locale = 'zh-CN';
    const now = services.clock.now().toISOString();
    const { survey, subject, text } = await createSurveyInvitation(
      scope.tx,
      { ...scope.deps, surveyLink: services.links.survey },
      {
        kind: request.kind,
        channel: request.channel,
        expiresInDays: request.expiresInDays,
        question: SURVEY_QUESTION[request.kind][locale],
        locale,
        ticketId: ticket.id,
        customerId: customer?.id ?? null,
        executionId: null,
        now,
      },
    );
    await scope.tx.jobs.enqueue({
      id: services.ids.next(),
      kind: 'outbox.deliver',
      runAt: now,
      payload: { channel: request.channel, to, subject, body: text },
      idempotencyKey: `survey:${survey.id}`,
      now,
    });
    await scope.tx.ticketHistory.append([
      {
        ticketId: ticket.id,
        at: now,
        actor: acting.actor,
        field: 'survey',
        from: null,
        to: survey.kind,
        note: request.channel,
      },
    ]);
    return { surveyId: survey.id, channel: request.channel, expiresAt: survey.expiresAt };
  });
}
