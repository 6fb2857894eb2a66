import { z } from 'zod';
import { auditCall } from '../../audit/audit-log.ts';
import { ROLES } from '../../auth/roles.ts';
import { AppError } from '../../http/app-error.ts';
import {
  markSurveyReviewed,
  qualityReviewCount,
  qualityReviewQueue,
} from '../../surveys/survey-quality-review.ts';
import { surveyResults } from '../../surveys/survey-results.ts';
import { actorOf, procedure, router } from '../trpc.ts';

/**
 * Survey results per flow, team and agent (supervisors, admins, and editors
 * who judge their flows by them) and the supervisors' quality review of CSAT
 * answers below 4.
 */

const ResultsInput = z.strictObject({
  /** Inclusive. */
  from: z.iso.datetime({ offset: true }),
  /** Exclusive. */
  to: z.iso.datetime({ offset: true }),
  groupBy: z.enum(['flow', 'team', 'agent']).default('team'),
  kind: z.enum(['csat', 'nps']).default('csat'),
});

const QueueInput = z
  .strictObject({
    status: z.enum(['waiting', 'reviewed']).default('waiting'),
    limit: z.number().int().min(1).max(200).default(50),
    cursor: z.string().max(500).nullish(),
  })
  .default({ status: 'waiting', limit: 50 });

const MarkInput = z.strictObject({
  id: z.string().trim().min(1).max(200),
  note: z.string().trim().max(2000).default(''),
});

export const surveysRouter = router({
  results: procedure
    .meta({ roles: ROLES.surveyReaders })
    .input(ResultsInput)
    .query(({ ctx, input }) => surveyResults(ctx.services, input)),

  /** CSAT answers below 4, newest first: waiting for a review, or reviewed. */
  qualityReview: procedure
    .meta({ roles: ROLES.supervisors })
    .input(QueueInput)
    .query(async ({ ctx, input }) => {
      try {
        return await qualityReviewQueue(ctx.services, input);
      } catch (error) {
        if (!(error instanceof RangeError || error instanceof SyntaxError)) throw error;
        throw new AppError('bad_request', 'invalid_request', {
          pointer: '/cursor',
          params: {
            detailZh: '翻页位置无效，请从第一页重新开始',
            detailEn: 'the page cursor is not valid; start again from the first page',
          },
        });
      }
    }),

  /** How many low answers wait for a review: the badge. */
  qualityReviewCount: procedure
    .meta({ roles: ROLES.supervisors })
    .query(({ ctx }) => qualityReviewCount(ctx.services)),

  /** Records the review once, with the reviewer's note; audited. */
  markReviewed: procedure
    .meta({ roles: ROLES.supervisors })
    .input(MarkInput)
    .mutation(async ({ ctx, input }) => {
      const user = actorOf(ctx);
      const survey = await markSurveyReviewed(ctx.services, { ...input, by: user.id });
      await auditCall(ctx, 'survey.reviewed', survey.id, {
        score: survey.score ?? 0,
        ...(survey.ticketId ? { ticketId: survey.ticketId } : {}),
      });
      return { id: survey.id, reviewedAt: survey.reviewedAt, reviewNote: survey.reviewNote };
    }),
});
