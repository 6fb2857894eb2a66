import { describe, expect, it } from 'vitest';
import { summarizeScores } from './survey-scores.ts';

describe('summarizeScores', () => {
  it('gives CSAT as the share of 4–5 and the mean', () => {
    // 5, 4, 2, 1: two of four satisfied; mean 12 / 4 = 3.
    expect(summarizeScores('csat', [5, 4, 2, 1])).toEqual({
      answers: 4,
      mean: 3,
      satisfiedShare: 0.5,
      promoterShare: null,
      detractorShare: null,
      nps: null,
    });
  });

  it('gives NPS as promoters minus detractors in points; 7 and 8 are passives', () => {
    // 10, 9, 8, 7, 6: two promoters (40 %), one detractor (20 %): NPS 20; mean 40 / 5 = 8.
    const summary = summarizeScores('nps', [10, 9, 8, 7, 6]);
    expect(summary).toMatchObject({ answers: 5, mean: 8, satisfiedShare: null });
    expect(summary.promoterShare).toBeCloseTo(0.4);
    expect(summary.detractorShare).toBeCloseTo(0.2);
    expect(summary.nps).toBeCloseTo(20);
  });

  it('says "no data" (nulls) for no answers, never NaN', () => {
    for (const kind of ['csat', 'nps'] as const) {
      expect(summarizeScores(kind, [])).toEqual({
        answers: 0,
        mean: null,
        satisfiedShare: null,
        promoterShare: null,
        detractorShare: null,
        nps: null,
      });
    }
  });
});
