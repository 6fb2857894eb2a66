import type { SurveyKind } from '@flowdesk/store';

/**
 * What a set of survey answers says, by the usual definitions: CSAT (1–5) as
 * the share of satisfied answers (4 or 5) and the mean score; NPS (0–10) as the
 * share of promoters (9–10) minus the share of detractors (0–6), in points from
 * −100 to 100. No answers give nulls ("no data"), never NaN.
 */
export const CSAT_SATISFIED_FROM = 4;
export const NPS_PROMOTER_FROM = 9;
export const NPS_DETRACTOR_UP_TO = 6;
/** CSAT answers below 4 go to the supervisors' quality review. */
export const QUALITY_REVIEW_MAX_SCORE = CSAT_SATISFIED_FROM - 1;

export interface ScoreSummary {
  answers: number;
  mean: number | null;
  /** CSAT: share (0–1) of answers of 4 or 5; null for NPS or without answers. */
  satisfiedShare: number | null;
  /** NPS: shares (0–1) and the score (−100…100); null for CSAT or without answers. */
  promoterShare: number | null;
  detractorShare: number | null;
  nps: number | null;
}

export function summarizeScores(kind: SurveyKind, scores: readonly number[]): ScoreSummary {
  const answers = scores.length;
  if (answers === 0) {
    return {
      answers,
      mean: null,
      satisfiedShare: null,
      promoterShare: null,
      detractorShare: null,
      nps: null,
    };
  }
  const share = (test: (score: number) => boolean) => scores.filter(test).length / answers;
  const mean = scores.reduce((sum, score) => sum + score, 0) / answers;
  if (kind === 'csat') {
    return {
      answers,
      mean,
      satisfiedShare: share((score) => score >= CSAT_SATISFIED_FROM),
      promoterShare: null,
      detractorShare: null,
      nps: null,
    };
  }
  const promoterShare = share((score) => score >= NPS_PROMOTER_FROM);
  const detractorShare = share((score) => score <= NPS_DETRACTOR_UP_TO);
  return {
    answers,
    mean,
    satisfiedShare: null,
    promoterShare,
    detractorShare,
    nps: (promoterShare - detractorShare) * 100,
  };
}
