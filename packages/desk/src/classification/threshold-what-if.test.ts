import { describe, expect, it } from 'vitest';
import { type ClassifiedCase, thresholdWhatIf } from './threshold-what-if.ts';

/**
 * Nine classifications over three days, answers counted by hand:
 * checked right: A .95, C .80, D .60, G 1 (keyword), I .55; checked wrong: B .90, H .75;
 * unchecked: E .40 and F (nothing decided).
 */
const CASES: readonly ClassifiedCase[] = [
  { category: 'a', confidence: 0.95, verdict: 'right' }, // A
  { category: 'a', confidence: 0.9, verdict: 'wrong' }, // B
  { category: 'b', confidence: 0.8, verdict: 'right' }, // C
  { category: 'b', confidence: 0.6, verdict: 'right' }, // D
  { category: 'c', confidence: 0.4, verdict: null }, // E
  { category: null, confidence: 0, verdict: null }, // F
  { category: 'a', confidence: 1, verdict: 'right' }, // G
  { category: 'b', confidence: 0.75, verdict: 'wrong' }, // H
  { category: 'c', confidence: 0.55, verdict: 'right' }, // I
];

const at = (threshold: number) => {
  const result = thresholdWhatIf(CASES, { periodDays: 3, minEvidence: 3 });
  const point = result.points.find((candidate) => candidate.threshold === threshold);
  if (!point) throw new Error(`no point at ${threshold}`);
  return point;
};

describe('thresholdWhatIf', () => {
  it('has one point per hundredth from 0 to 1 and counts the checked cases', () => {
    const result = thresholdWhatIf(CASES, { periodDays: 3, minEvidence: 3 });
    expect(result.points).toHaveLength(101);
    expect(result.points[0]?.threshold).toBe(0);
    expect(result.points[100]?.threshold).toBe(1);
    expect(result).toMatchObject({ cases: 9, checked: 7, periodDays: 3, minEvidence: 3 });
  });

  it('at 0 only the undecided request goes to a person', () => {
    expect(at(0)).toEqual({
      threshold: 0,
      handedOff: 1,
      handedOffShare: 1 / 9,
      automatic: 8,
      evidence: 7,
      right: 5,
      precision: 5 / 7,
      handedOffPerDay: 1 / 3,
    });
  });

  it('a confidence equal to the threshold is routed automatically, as the step does', () => {
    // E .40, I .55 and F go to people; D at exactly .60 stays automatic.
    expect(at(0.6)).toMatchObject({ handedOff: 3, automatic: 6, evidence: 6, right: 4, precision: 4 / 6 });
    expect(at(0.6).handedOffPerDay).toBe(1);
    expect(at(0.61)).toMatchObject({ handedOff: 4, evidence: 5, right: 3, precision: 3 / 5 });
  });

  it('raising the threshold hands the wrong guess H to a person and precision rises', () => {
    expect(at(0.8)).toMatchObject({ handedOff: 5, evidence: 4, right: 3, precision: 0.75 });
    expect(at(0.8).handedOffShare).toBeCloseTo(5 / 9, 12);
    expect(at(0.8).handedOffPerDay).toBeCloseTo(5 / 3, 12);
  });

  it('says "not enough data" (null) when fewer checked cases than the minimum remain', () => {
    expect(at(0.91)).toMatchObject({ handedOff: 7, evidence: 2, right: 2, precision: null });
    // Only the keyword match (confidence 1) stays automatic at 1.
    expect(at(1)).toMatchObject({ handedOff: 8, automatic: 1, evidence: 1, precision: null });
  });

  it('needs five checked cases by default', () => {
    const result = thresholdWhatIf(CASES, { periodDays: 1 });
    expect(result.minEvidence).toBe(5);
    expect(result.points[61]?.precision).toBe(3 / 5);
    expect(result.points[62]?.precision).toBe(3 / 5);
    expect(result.points[80]?.precision).toBeNull();
  });

  it('without cases nothing is handed off and nothing is known', () => {
    const point = thresholdWhatIf([], { periodDays: 2 }).points[70];
    expect(point).toMatchObject({ handedOff: 0, handedOffShare: 0, handedOffPerDay: 0, precision: null });
  });

  it('refuses a period that is not positive', () => {
    expect(() => thresholdWhatIf(CASES, { periodDays: 0 })).toThrow(RangeError);
  });

  it('gives the same answer for the same cases', () => {
    expect(thresholdWhatIf(CASES, { periodDays: 3 })).toEqual(thresholdWhatIf([...CASES], { periodDays: 3 }));
  });
});
