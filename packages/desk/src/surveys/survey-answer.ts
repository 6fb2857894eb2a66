import type { StoreRepositories, Survey, SurveyKind } from '@flowdesk/store';
import { type DeskDeps, nowIso } from '../desk-deps.ts';
import { hashSurveyToken, isSurveyTokenShape } from './survey-token.ts';
import { SURVEY_ANSWERED_JOB } from './survey-trigger.ts';

export const SURVEY_COMMENT_MAX_LENGTH = 1000;

export const SCORE_RANGE: Record<SurveyKind, { min: number; max: number }> = {
  csat: { min: 1, max: 5 },
  nps: { min: 0, max: 10 },
};

/** What a link leads to right now. Only `open` may be answered. */
export type SurveyLookup =
  | { status: 'open'; survey: Survey }
  | { status: 'expired'; survey: Survey }
  | { status: 'answered'; survey: Survey }
  | { status: 'not_found' };

export async function findSurveyByToken(
  tx: StoreRepositories,
  token: string,
  now: Date,
): Promise<SurveyLookup> {
  if (!isSurveyTokenShape(token)) return { status: 'not_found' };
  const survey = await tx.surveys.getByTokenHash(hashSurveyToken(token));
  if (!survey) return { status: 'not_found' };
  if (survey.answeredAt) return { status: 'answered', survey };
  if (Date.parse(survey.expiresAt) <= now.getTime()) return { status: 'expired', survey };
  return { status: 'open', survey };
}

export type AnswerInputProblem = 'score_invalid' | 'comment_too_long';

/** The form's raw fields checked against the survey's kind; nothing is written on a problem. */
export function parseSurveyAnswer(
  kind: SurveyKind,
  rawScore: unknown,
  rawComment: unknown,
): { ok: true; score: number; comment: string | null } | { ok: false; problem: AnswerInputProblem } {
  const range = SCORE_RANGE[kind];
  const text =
    typeof rawScore === 'string' ? rawScore.trim() : typeof rawScore === 'number' ? String(rawScore) : '';
  if (!/^\d{1,2}$/.test(text)) return { ok: false, problem: 'score_invalid' };
  const score = Number(text);
  if (score < range.min || score > range.max) return { ok: false, problem: 'score_invalid' };
  if (rawComment !== undefined && typeof rawComment !== 'string')
    return { ok: false, problem: 'comment_too_long' };
  const comment = (rawComment ?? '').trim();
  if (Array.from(comment).length > SURVEY_COMMENT_MAX_LENGTH)
    return { ok: false, problem: 'comment_too_long' };
  return { ok: true, score, comment: comment === '' ? null : comment };
}

export type SurveyAnswerOutcome =
  | { status: 'recorded'; survey: Survey }
  | { status: 'invalid'; survey: Survey; problem: AnswerInputProblem }
  | Exclude<SurveyLookup, { status: 'open' }>;

/**
 * Records one answer for the link and, in the same transaction, queues the
 * `survey.answered` job that starts the flows listening for it. Expired,
 * answered and unknown links change nothing.
 */
export async function answerSurvey(
  tx: StoreRepositories,
  token: string,
  raw: { score: unknown; comment: unknown },
  deps: DeskDeps,
): Promise<SurveyAnswerOutcome> {
  const lookup = await findSurveyByToken(tx, token, deps.clock.now());
  if (lookup.status !== 'open') return lookup;
  const parsed = parseSurveyAnswer(lookup.survey.kind, raw.score, raw.comment);
  if (!parsed.ok) return { status: 'invalid', survey: lookup.survey, problem: parsed.problem };
  const now = nowIso(deps);
  const result = await tx.surveys.answer(lookup.survey.id, {
    score: parsed.score,
    comment: parsed.comment,
    answeredAt: now,
  });
  if (!result.ok) {
    return result.reason === 'answered'
      ? { status: 'answered', survey: lookup.survey }
      : { status: 'not_found' };
  }
  await tx.jobs.enqueue({
    id: deps.ids.next(),
    kind: SURVEY_ANSWERED_JOB,
    runAt: now,
    payload: { surveyId: result.survey.id },
    idempotencyKey: `${SURVEY_ANSWERED_JOB}:${result.survey.id}`,
    now,
  });
  return { status: 'recorded', survey: result.survey };
}
