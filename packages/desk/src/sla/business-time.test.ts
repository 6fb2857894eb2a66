import { type Calendar, CalendarSchema } from '@flowdesk/model';
import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessTimeBetween } from './business-time.ts';

/** Weekdays 09:00–18:00 in Shanghai; Wednesday 25 November 2026 is a holiday. */
const OFFICE: Calendar = {
  timezone: 'Asia/Shanghai',
  weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' }],
  holidays: ['2026-11-25'],
  workdays: [],
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

describe('business time with make-up workdays (调休)', () => {
  /** Monday opens 09:00–12:00 only, so a make-up day visibly keeps Monday's hours. */
  const SHIFTED: Calendar = {
    ...OFFICE,
    weekly: [
      { days: ['mon'], from: '09:00', to: '12:00' },
      { days: ['tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' },
    ],
    // Saturday 28 November 2026 is worked to make up for a holiday.
    workdays: ['2026-11-28'],
  };

  it('counts a Saturday make-up day, with the hours of a Monday', () => {
    // Friday 17:00 + 2 h: 1 h on Friday, then Saturday opens at 09:00 → Saturday 10:00.
    expect(add('2026-11-27T09:00:00.000Z', 120, SHIFTED)).toBe('2026-11-28T02:00:00.000Z');
    // Friday 17:00 + 5 h: 1 h Friday, Saturday 09:00–12:00 (Monday's hours), 1 h on Monday → Monday 10:00.
    expect(add('2026-11-27T09:00:00.000Z', 300, SHIFTED)).toBe('2026-11-30T02:00:00.000Z');
  });

  it('does not count a holiday on a weekday', () => {
    // Tuesday 17:30 + 2 h still skips Wednesday 25 November.
    expect(add('2026-11-24T09:30:00.000Z', 120, SHIFTED)).toBe('2026-11-26T02:30:00.000Z');
  });

  it('reads a calendar stored before make-up workdays existed as having none', () => {
    const { workdays: _none, ...stored } = OFFICE;
    const parsed = CalendarSchema.parse(stored);
    expect(parsed.workdays).toEqual([]);
    expect(add('2026-11-27T09:00:00.000Z', 120, stored as Calendar)).toBe('2026-11-30T02:00:00.000Z');
  });

  it('refuses a date that is both a holiday and a make-up workday, naming it', () => {
    const result = CalendarSchema.safeParse({ ...OFFICE, workdays: ['2026-11-28', '2026-11-25'] });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toMatchObject([
      { path: ['workdays', 1], message: 'value.workday_is_holiday', params: { date: '2026-11-25' } },
    ]);
  });
});
