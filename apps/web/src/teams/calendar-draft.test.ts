import { describe, expect, it } from 'vitest';
import {
  addDates,
  calendarFromDraft,
  defaultCalendarDraft,
  draftFromCalendar,
  hasSplitDays,
  timezoneOptions,
} from './calendar-draft.ts';

describe('calendar draft', () => {
  it('groups open weekdays with the same hours into one slot and reads them back as rows', () => {
    const draft = defaultCalendarDraft();
    const saturday = draft.days.find((row) => row.day === 'sat');
    if (saturday) Object.assign(saturday, { open: true, from: '10:00', to: '16:00' });
    const calendar = calendarFromDraft({ ...draft, holidays: ['2026-10-01'], workdays: ['2026-09-27'] });
    expect(calendar).toEqual({
      timezone: 'Asia/Shanghai',
      weekly: [
        { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' },
        { days: ['sat'], from: '10:00', to: '16:00' },
      ],
      holidays: ['2026-10-01'],
      workdays: ['2026-09-27'],
    });
    expect(calendarFromDraft(draftFromCalendar(calendar))).toEqual(calendar);
  });

  it('notices a day with two ranges, which the one-range-a-day rows would lose', () => {
    const calendar = calendarFromDraft(defaultCalendarDraft());
    expect(hasSplitDays(calendar)).toBe(false);
    expect(
      hasSplitDays({
        ...calendar,
        weekly: [...calendar.weekly, { days: ['mon'], from: '13:00', to: '18:00' }],
      }),
    ).toBe(true);
  });

  it('reads a calendar stored before make-up workdays as having none', () => {
    const { workdays: _none, ...old } = calendarFromDraft(defaultCalendarDraft());
    expect(draftFromCalendar(old as never).workdays).toEqual([]);
  });

  it('adds several pasted dates at once, sorted and without repeats, and returns what is no date', () => {
    expect(addDates(['2026-10-01'], '2026-10-03, 2026/10/02\n2026-10-01；2026-02-30 soon')).toEqual({
      dates: ['2026-10-01', '2026-10-02', '2026-10-03'],
      rejected: ['2026-02-30', 'soon'],
    });
  });

  it('offers Asia/Shanghai first and keeps a saved zone', () => {
    const zones = timezoneOptions('Europe/London');
    expect(zones[0]).toBe('Asia/Shanghai');
    expect(zones).toContain('Europe/London');
  });
});
