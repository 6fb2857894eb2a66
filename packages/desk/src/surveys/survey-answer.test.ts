import type { Survey } from '@flowdesk/store';
import { describe, expect, it } from 'vitest';
import { parseSurveyAnswer } from './survey-answer.ts';
import { hashSurveyToken, isSurveyTokenShape, newSurveyToken } from './survey-token.ts';
import { surveyAnsweredMatches } from './survey-trigger.ts';

describe('survey answers', () => {
  it('accepts scores inside the kind range and trims the comment', () => {
    expect(parseSurveyAnswer('csat', '5', '  很好 ')).toEqual({ ok: true, score: 5, comment: '很好' });
    expect(parseSurveyAnswer('nps', '0', '')).toEqual({ ok: true, score: 0, comment: null });
    expect(parseSurveyAnswer('nps', 10, undefined)).toEqual({ ok: true, score: 10, comment: null });
  });

  it('refuses out-of-range, non-numeric and fractional scores, and oversized comments', () => {
    for (const score of ['0', '6', '2.5', 'abc', '', ' ', '-1', '1e0', undefined, ['3']]) {
      expect(parseSurveyAnswer('csat', score, '')).toEqual({ ok: false, problem: 'score_invalid' });
    }
    expect(parseSurveyAnswer('nps', '11', '')).toEqual({ ok: false, problem: 'score_invalid' });
    expect(parseSurveyAnswer('csat', '3', '字'.repeat(1001))).toEqual({
      ok: false,
      problem: 'comment_too_long',
    });
    expect(parseSurveyAnswer('csat', '3', '字'.repeat(1000))).toMatchObject({ ok: true });
  });

  it('issues random tokens whose hash alone identifies them', () => {
    const first = newSurveyToken();
    const second = newSurveyToken();
    expect(first.token).not.toBe(second.token);
    expect(isSurveyTokenShape(first.token)).toBe(true);
    expect(first.hash).toBe(hashSurveyToken(first.token));
    expect(first.hash).not.toContain(first.token);
    expect(isSurveyTokenShape('../../etc/passwd')).toBe(false);
  });

  it('matches survey_answered triggers by kind and highest score', () => {
    const survey = { kind: 'csat', score: 3 } as Survey;
    expect(surveyAnsweredMatches({ kinds: ['csat'], scoreAtMost: 3 }, survey)).toBe(true);
    expect(surveyAnsweredMatches({ kinds: ['csat'], scoreAtMost: 2 }, survey)).toBe(false);
    expect(surveyAnsweredMatches({ kinds: ['nps'] }, survey)).toBe(false);
    expect(surveyAnsweredMatches({ kinds: ['csat', 'nps'] }, survey)).toBe(true);
  });
});
