import { QUALITY_REVIEW_MAX_SCORE } from '@flowdesk/desk';
import type { LocalizedText } from '@flowdesk/model';
import type { Survey } from '@flowdesk/store';
import { type AppServices, DEFAULT_WORKSPACE_ID } from '../app-deps.ts';
import { AppError } from '../http/app-error.ts';
import { surveyLookups } from './survey-lookups.ts';

/**
 * The supervisors' quality-review queue (issue 13, item 5): every CSAT answer
 * below 4, with its comment and ticket, waiting until someone marks it
 * reviewed with a note. A review is recorded once.
 */
export type QualityReviewStatus = 'waiting' | 'reviewed';

/** All answers ever given: the queue is not limited to a period. */
const EVER = { from: '1970-01-01T00:00:00.000Z', to: '9999-12-31T23:59:59.999Z' };

const queueQuery = (review: QualityReviewStatus) => ({
  workspaceId: DEFAULT_WORKSPACE_ID,
  ...EVER,
  kind: 'csat' as const,
  maxScore: QUALITY_REVIEW_MAX_SCORE,
  review,
});

export interface QualityReviewItem {
  surveyId: string;
  score: number;
  comment: string | null;
  answeredAt: string;
  channel: string;
  ticket: {
    id: string;
    number: string;
    title: string;
    team: LocalizedText | null;
    assignee: string | null;
  } | null;
  reviewedAt: string | null;
  /** The reviewer's name (or their id when the user is gone). */
  reviewedBy: string | null;
  reviewNote: string | null;
}

export interface QualityReviewPage {
  items: QualityReviewItem[];
  nextCursor: string | null;
}

async function reviewerName(services: AppServices, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  return (await services.store.users.get(userId))?.name ?? userId;
}

/** Newest answer first. */
export async function qualityReviewQueue(
  services: AppServices,
  query: { status: QualityReviewStatus; limit: number; cursor?: string | null },
): Promise<QualityReviewPage> {
  const page = await services.store.surveys.listAnswered({
    ...queueQuery(query.status),
    limit: query.limit,
    cursor: query.cursor ?? null,
  });
  const lookups = surveyLookups(services.store);
  const items: QualityReviewItem[] = [];
  for (const survey of page.items) {
    const ticket = await lookups.ticket(survey);
    items.push({
      surveyId: survey.id,
      score: survey.score ?? 0,
      comment: survey.comment,
      answeredAt: survey.answeredAt ?? '',
      channel: survey.channel,
      ticket: ticket
        ? {
            id: ticket.id,
            number: ticket.number,
            title: ticket.title,
            team: ticket.team ? await lookups.teamName(ticket.team) : null,
            assignee: ticket.assignee ? await lookups.agentName(ticket.assignee) : null,
          }
        : null,
      reviewedAt: survey.reviewedAt,
      reviewedBy: await reviewerName(services, survey.reviewedBy),
      reviewNote: survey.reviewNote,
    });
  }
  return { items, nextCursor: page.nextCursor };
}

/** The badge: answers still waiting for a review. */
export function qualityReviewCount(services: AppServices): Promise<number> {
  return services.store.surveys.countAnswered(queueQuery('waiting'));
}

function inReview(survey: Survey): boolean {
  return (
    survey.workspaceId === DEFAULT_WORKSPACE_ID &&
    survey.kind === 'csat' &&
    survey.score !== null &&
    survey.score <= QUALITY_REVIEW_MAX_SCORE
  );
}

/** Marks a low answer reviewed; unknown, not low, or reviewed already: a translated error and nothing changes. */
export async function markSurveyReviewed(
  services: AppServices,
  input: { id: string; note: string; by: string },
): Promise<Survey> {
  const { store } = services;
  const survey = await store.surveys.get(input.id);
  if (!survey || survey.workspaceId !== DEFAULT_WORKSPACE_ID) {
    throw new AppError('not_found', 'survey_not_found', { pointer: '/id', params: { id: input.id } });
  }
  if (!inReview(survey))
    throw new AppError('precondition_failed', 'survey_not_in_review', { pointer: '/id' });
  const result = await store.surveys.markReviewed(survey.id, {
    by: input.by,
    note: input.note,
    at: services.clock.now().toISOString(),
  });
  if (result.ok) return result.survey;
  if (result.reason === 'reviewed') {
    const current = await store.surveys.get(survey.id);
    throw new AppError('conflict', 'survey_already_reviewed', {
      params: {
        by: (await reviewerName(services, current?.reviewedBy ?? null)) ?? '',
        at: current?.reviewedAt ?? '',
      },
    });
  }
  throw new AppError('not_found', 'survey_not_found', { pointer: '/id', params: { id: input.id } });
}
