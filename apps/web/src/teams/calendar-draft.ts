import { type Calendar, WEEKDAYS, type Weekday } from '@flowdesk/model';

/**
 * The calendar editor's form state: one row per weekday (open or not, from, to),
 * which the stored calendar groups into weekly slots. Pure, so it is tested
 * without a browser.
 */
export interface DayRow {
  day: Weekday;
  open: boolean;
  from: string;
  to: string;
}

export interface CalendarDraft {
  timezone: string;
  days: DayRow[];
  holidays: string[];
  workdays: string[];
  /** The stored calendar opens some day in two ranges; saving from these rows keeps the first. */
  splitDays?: boolean;
}

export const DEFAULT_TIMEZONE = 'Asia/Shanghai';
const WORKING_DAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

export function defaultCalendarDraft(): CalendarDraft {
  return {
    timezone: DEFAULT_TIMEZONE,
    days: WEEKDAYS.values.map((day) => ({
      day,
      open: WORKING_DAYS.includes(day),
      from: '09:00',
      to: '18:00',
    })),
    holidays: [],
    workdays: [],
  };
}

/** A stored calendar as rows: a day in several slots shows its first (the editor keeps one range a day). */
export function draftFromCalendar(calendar: Calendar): CalendarDraft {
  return {
    timezone: calendar.timezone,
    days: WEEKDAYS.values.map((day) => {
      const slot = calendar.weekly.find((entry) => (entry.days as readonly string[]).includes(day));
      return slot
        ? { day, open: true, from: slot.from, to: slot.to }
        : { day, open: false, from: '09:00', to: '18:00' };
    }),
    holidays: [...calendar.holidays].sort(),
    workdays: [...(calendar.workdays ?? [])].sort(),
    splitDays: hasSplitDays(calendar),
  };
}

/** Whether some day opens in more than one range (a lunch break), which the editor's one range a day cannot show. */
export function hasSplitDays(calendar: Calendar): boolean {
  const days = calendar.weekly.flatMap((slot) => slot.days);
  return new Set(days).size < days.length;
}

/** Open days with the same hours share one weekly slot, in weekday order. */
export function calendarFromDraft(draft: CalendarDraft): Calendar {
  const weekly: Calendar['weekly'] = [];
  for (const row of draft.days) {
    if (!row.open) continue;
    const same = weekly.find((slot) => slot.from === row.from && slot.to === row.to);
    if (same) same.days.push(row.day);
    else weekly.push({ days: [row.day], from: row.from, to: row.to });
  }
  return { timezone: draft.timezone, weekly, holidays: draft.holidays, workdays: draft.workdays };
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Dates pasted or typed at once ("2026-10-01, 2026-10-02\n2026/10/03"), added to a
 * list without repeats and sorted. What is not a date is returned, to show it.
 */
export function addDates(list: readonly string[], pasted: string): { dates: string[]; rejected: string[] } {
  const dates = new Set(list);
  const rejected: string[] = [];
  for (const token of pasted.split(/[\s,;，；、]+/).filter(Boolean)) {
    const date = token.replace(/[/.]/g, '-');
    const parsed = new Date(`${date}T00:00:00Z`);
    if (DATE_RE.test(date) && !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date)) {
      dates.add(date);
    } else rejected.push(token);
  }
  return { dates: [...dates].sort(), rejected };
}

/** IANA zones the browser knows, the default first; a zone saved elsewhere stays choosable. */
export function timezoneOptions(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const zones = new Set([DEFAULT_TIMEZONE, current, ...known]);
  return [...zones];
}
