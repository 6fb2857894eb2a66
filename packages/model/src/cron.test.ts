import { describe, expect, it } from 'vitest';
import { isValidCron, parseCron } from './cron.ts';

describe('parseCron', () => {
  it('expands ranges, steps, lists and names', () => {
    const spec = parseCron('*/15 9-17 * jan,jul mon-fri');
    expect([...(spec?.minutes ?? [])]).toEqual([0, 15, 30, 45]);
    expect(spec?.hours.size).toBe(9);
    expect([...(spec?.months ?? [])]).toEqual([1, 7]);
    expect([...(spec?.daysOfWeek ?? [])]).toEqual([1, 2, 3, 4, 5]);
    expect(spec?.dayFieldsOr).toBe(false);
  });

  it('treats 7 as Sunday and notes when both day fields are restricted', () => {
    const spec = parseCron('0 0 1 * 7');
    expect([...(spec?.daysOfWeek ?? [])]).toEqual([0]);
    expect(spec?.dayFieldsOr).toBe(true);
  });

  it('rejects malformed expressions', () => {
    for (const bad of [
      '',
      '* * * *',
      '60 * * * *',
      '* 24 * * *',
      '5-1 * * * *',
      '*/0 * * * *',
      'a b c d e',
      '* * * * * *',
    ]) {
      expect(isValidCron(bad), bad).toBe(false);
    }
  });
});
