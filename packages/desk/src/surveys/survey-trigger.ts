import type { DataPatch } from '@flowdesk/engine';
import type { JsonObject, StoreRepositories, Survey, SurveyKind } from '@flowdesk/store';
import type { DeskDeps } from '../desk-deps.ts';
import { customerData, ticketData } from '../desk-flow-data.ts';

/** The durable job an answer queues; its handler starts the survey_answered flows. */
export const SURVEY_ANSWERED_JOB = 'survey.answered';

/** The config of a `trigger.survey_answered` node, as its catalog schema parses it. */
export interface SurveyAnsweredTriggerConfig {
  kinds: readonly SurveyKind[];
  scoreAtMost?: number;
}

export function surveyAnsweredMatches(config: SurveyAnsweredTriggerConfig, survey: Survey): boolean {
  if (!config.kinds.includes(survey.kind) || survey.score === null) return false;
  return config.scoreAtMost === undefined || survey.score <= config.scoreAtMost;
}

export function parseSurveyJobPayload(payload: JsonObject): { surveyId: string } | null {
  return typeof payload.surveyId === 'string' ? { surveyId: payload.surveyId } : null;
}

/** The survey as flows see it (`survey.*`). */
export function surveyData(survey: Survey): JsonObject {
  return {
    id: survey.id,
    kind: survey.kind,
    score: survey.score,
    comment: survey.comment,
    channel: survey.channel,
    ticketId: survey.ticketId,
    customerId: survey.customerId,
    expiresAt: survey.expiresAt,
    answeredAt: survey.answeredAt,
  };
}

/** The data a survey_answered flow starts with: the survey, its ticket and customer as they are now. */
export async function surveyTriggerData(
  tx: StoreRepositories,
  survey: Survey,
  deps: DeskDeps,
): Promise<DataPatch> {
  const ticket = survey.ticketId ? await tx.tickets.get(survey.ticketId) : null;
  const customerId = survey.customerId ?? ticket?.customerId ?? null;
  const customer = customerId ? await tx.customers.get(customerId) : null;
  return {
    survey: surveyData(survey),
    ...(ticket ? { ticket: ticketData(ticket, deps) } : {}),
    // A customer whose language was never kept is answered in the one the survey went out in.
    ...(customer
      ? { customer: { ...customerData(customer, false), locale: customer.locale ?? survey.locale } }
      : {}),
  };
}
