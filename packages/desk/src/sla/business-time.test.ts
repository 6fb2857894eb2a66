import type { Calendar } from '@flowdesk/model';
import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessTimeBetween } from './business-time.ts';

/** Weekdays 09:00–18:00 in Shanghai; Wednesday 25 November 2026 is a holiday. */
const OFFICE: Calendar = {
  timezone: 'Asia/Shanghai',
  weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' }],
  holidays: ['2026-11-25'],
};

const MINUTE = 60_000;
const add = (start: string, minutes: number, calendar: Calendar | null = OFFICE) =>
  new Date(addBusinessTime(Date.parse(start), minutes * MINUTE, calendar)).toISOString();

describe('business time', () => {
  it('carries what is left at closing time over to the next opening', () => {
    // Monday 17:00 Shanghai + 2 h = Tuesday 10:00.
    expect(add('2026-11-23T09:00:00.000Z', 120)).toBe('2026-11-24T02:00:00.000Z');
  });

  it('skips holidays and weekends', () => {
    // Tuesday 17:30 + 2 h: 30 min on Tuesday, Wednesday is a holiday, 90 min on Thursday.
    expect(add('2026-11-24T09:30:00.000Z', 120)).toBe('2026-11-26T02:30:00.000Z');
    // Friday 17:00 + 2 h lands on Monday 10:00.
    expect(add('2026-11-27T09:00:00.000Z', 120)).toBe('2026-11-30T02:00:00.000Z');
  });

  it('starts counting at opening time when the clock starts before it', () => {
    expect(add('2026-11-22T23:00:00.000Z', 60)).toBe('2026-11-23T02:00:00.000Z');
  });

  it('counts wall-clock time without a calendar', () => {
    expect(add('2026-11-23T09:00:00.000Z', 120, null)).toBe('2026-11-23T11:00:00.000Z');
  });

  it('measures the business time between two instants', () => {
    const from = Date.parse('2026-11-24T09:30:00.000Z');
    const to = Date.parse('2026-11-26T02:30:00.000Z');
    expect(businessTimeBetween(from, to, OFFICE)).toBe(120 * MINUTE);
    expect(businessTimeBetween(to, from, OFFICE)).toBe(0);
    expect(businessTimeBetween(from, to, null)).toBe(to - from);
  });

  it('gives up on a calendar that never opens instead of looping', () => {
    const closed: Calendar = { ...OFFICE, weekly: [{ days: ['mon'], from: '10:00', to: '10:00' }] };
    expect(() => add('2026-11-23T00:00:00.000Z', 1, closed)).toThrow(RangeError);
  });
});
