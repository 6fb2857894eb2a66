import { addDuration } from '@flowdesk/engine';
import type { Locale } from '@flowdesk/model';
import type { StoreRepositories, Survey, SurveyChannel, SurveyKind } from '@flowdesk/store';
import { type DeskDeps, workspaceOf } from '../desk-deps.ts';
import { deskMessage } from '../desk-messages.ts';
import { newSurveyToken } from './survey-token.ts';

export interface SurveyInvitationInput {
  readonly kind: SurveyKind;
  readonly channel: SurveyChannel;
  readonly expiresInDays: number;
  /** Already rendered, in `locale`. */
  readonly question: string;
  readonly locale: Locale;
  readonly ticketId: string | null;
  readonly customerId: string | null;
  /** The execution that sent it, so its answer can resume a wait; null when a person sent it. */
  readonly executionId: string | null;
  readonly now: string;
}

export interface SurveyInvitation {
  readonly survey: Survey;
  /** The message carrying the link; it holds a working token, so it is sent, never logged. */
  readonly subject: string;
  readonly text: string;
}

/**
 * Creates a survey with a fresh single-use link (only the token's hash is
 * stored) and words the invitation. Flows (send_survey) and agents both send
 * surveys through this.
 */
export async function createSurveyInvitation(
  tx: StoreRepositories,
  deps: DeskDeps & { readonly surveyLink?: (token: string) => string },
  input: SurveyInvitationInput,
): Promise<SurveyInvitation> {
  const { token, hash } = newSurveyToken();
  const link = deps.surveyLink ? deps.surveyLink(token) : `/s/${token}`;
  const survey = await tx.surveys.create({
    id: deps.ids.next(),
    workspaceId: workspaceOf(deps),
    tokenHash: hash,
    kind: input.kind,
    ticketId: input.ticketId,
    customerId: input.customerId,
    executionId: input.executionId,
    channel: input.channel,
    locale: input.locale,
    question: input.question,
    createdAt: input.now,
    expiresAt: addDuration(input.now, { amount: input.expiresInDays, unit: 'days' }),
  });
  return {
    survey,
    subject: deskMessage('notification.survey_subject')[input.locale],
    text: `${input.question}\n${deskMessage('notification.survey_link', { link })[input.locale]}`,
  };
}
