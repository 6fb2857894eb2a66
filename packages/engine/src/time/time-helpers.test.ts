import { describe, expect, it } from 'vitest';
import { parseCron } from '../model-imports.ts';
import { nextCronFire } from './cron-fire.ts';
import { addDuration, isWithinCalendar, nextLocalTime } from './time-helpers.ts';

describe('addDuration', () => {
  it('adds minutes, hours and 24-hour days', () => {
    expect(addDuration('2026-03-02T01:00:00Z', { amount: 90, unit: 'minutes' })).toBe(
      '2026-03-02T02:30:00.000Z',
    );
    expect(addDuration('2026-03-02T01:00:00Z', { amount: 2, unit: 'days' })).toBe('2026-03-04T01:00:00.000Z');
  });
});

describe('nextLocalTime', () => {
  it('finds today’s time if still ahead, else tomorrow’s', () => {
    expect(nextLocalTime('18:00', 'Asia/Shanghai', '2026-03-02T01:00:00Z')).toBe('2026-03-02T10:00:00.000Z');
    expect(nextLocalTime('09:00', 'Asia/Shanghai', '2026-03-02T01:00:00Z')).toBe('2026-03-03T01:00:00.000Z');
  });

  it('uses the local date, not the UTC one', () => {
    // 23:30 UTC on 1 March is already 07:30 on 2 March in Shanghai.
    expect(nextLocalTime('08:00', 'Asia/Shanghai', '2026-03-01T23:30:00Z')).toBe('2026-03-02T00:00:00.000Z');
  });

  it('is safe across daylight-saving changes', () => {
    // New York springs forward on 8 March 2026: 02:30 never happens; it fires at 03:30 EDT.
    expect(nextLocalTime('02:30', 'America/New_York', '2026-03-08T05:00:00Z')).toBe(
      '2026-03-08T07:30:00.000Z',
    );
    // The day after, 09:00 is EDT (UTC-4), not EST.
    expect(nextLocalTime('09:00', 'America/New_York', '2026-03-08T20:00:00Z')).toBe(
      '2026-03-09T13:00:00.000Z',
    );
    // Berlin falls back on 25 October 2026: 02:30 happens twice; the first one counts.
    expect(nextLocalTime('02:30', 'Europe/Berlin', '2026-10-24T22:00:00Z')).toBe('2026-10-25T00:30:00.000Z');
  });
});

describe('isWithinCalendar', () => {
  const calendar = {
    timezone: 'America/New_York',
    weekly: [
      {
        days: ['mon', 'tue', 'wed', 'thu', 'fri'] as ('mon' | 'tue' | 'wed' | 'thu' | 'fri')[],
        from: '09:00',
        to: '17:00',
      },
      { days: ['sat'] as 'sat'[], from: '10:00', to: '12:00' },
    ],
    holidays: ['2026-07-03'],
    // Sunday 12 July is a make-up workday (调休): Monday's 09:00–17:00.
    workdays: ['2026-07-12'],
  };
  it.each([
    ['2026-07-02T13:00:00Z', true, 'Thursday 09:00 EDT'],
    ['2026-07-02T12:59:00Z', false, 'Thursday 08:59 EDT'],
    ['2026-07-03T15:00:00Z', false, 'the holiday'],
    ['2026-07-04T14:30:00Z', true, 'Saturday 10:30'],
    ['2026-07-04T16:00:00Z', false, 'Saturday 12:00'],
    ['2026-01-05T14:00:00Z', true, 'Monday 09:00 EST in winter'],
    ['2026-07-12T13:00:00Z', true, 'the make-up Sunday at 09:00'],
    ['2026-07-12T21:00:00Z', false, 'the make-up Sunday at 17:00'],
    ['2026-07-05T14:00:00Z', false, 'an ordinary Sunday'],
  ])('%s → %s (%s)', (instant, open) => {
    expect(isWithinCalendar(calendar, instant)).toBe(open);
  });
});

describe('nextCronFire', () => {
  const cron = (expression: string) => {
    const spec = parseCron(expression);
    if (!spec) throw new Error(`bad cron ${expression}`);
    return spec;
  };

  it('fires on weekdays at 09:00 local time', () => {
    // Friday 10:00 in Shanghai → Monday 09:00.
    expect(nextCronFire(cron('0 9 * * 1-5'), 'Asia/Shanghai', '2026-11-20T02:00:00Z')).toBe(
      '2026-11-23T01:00:00.000Z',
    );
    expect(nextCronFire(cron('0 9 * * 1-5'), 'Asia/Shanghai', '2026-11-23T00:59:00Z')).toBe(
      '2026-11-23T01:00:00.000Z',
    );
  });

  it('is strictly after the given instant and steps through minutes', () => {
    expect(nextCronFire(cron('*/15 * * * *'), 'UTC', '2026-01-01T00:15:00Z')).toBe(
      '2026-01-01T00:30:00.000Z',
    );
  });

  it('matches either day field when both are restricted, as cron does', () => {
    // The 1st of the month or any Sunday: after Monday 2 March 2026, Sunday 8 March comes first.
    expect(nextCronFire(cron('0 0 1 * 0'), 'UTC', '2026-03-02T00:00:00Z')).toBe('2026-03-08T00:00:00.000Z');
  });

  it('finds a leap day years ahead, and gives up on a date that never exists', () => {
    expect(nextCronFire(cron('0 0 29 2 *'), 'UTC', '2026-03-01T00:00:00Z')).toBe('2028-02-29T00:00:00.000Z');
    expect(nextCronFire(cron('0 0 31 2 *'), 'UTC', '2026-03-01T00:00:00Z')).toBeUndefined();
  });
});
