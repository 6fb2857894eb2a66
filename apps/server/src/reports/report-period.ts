import { addLocalDays, formatLocalDate, localParts, localToInstant } from '@flowdesk/engine';

/**
 * The periods a report covers, counted in the workspace's time zone: an ISO
 * week (Monday to Sunday), a calendar month, or a range of whole days (the
 * CLI's --from/--to). Each period knows the one it is compared with: the
 * week or month before, or the range of the same length just before.
 */

export const REPORT_PERIOD_KINDS = ['week', 'month'] as const;
export type ReportCadence = (typeof REPORT_PERIOD_KINDS)[number];
export type ReportPeriodKind = ReportCadence | 'range';

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

export interface ReportPeriod {
  kind: ReportPeriodKind;
  /** `2026-W48`, `2026-11`, or `2026-11-01..2026-11-30`. */
  key: string;
  /** First and last local day, both included. */
  firstDay: string;
  lastDay: string;
  /** Half-open [from, to) in epoch milliseconds. */
  from: number;
  to: number;
  timezone: string;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD, or null. */
export function parseLocalDate(value: string): LocalDate | null {
  const match = DATE_PATTERN.exec(value);
  if (!match) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  const check = addLocalDays(date, 0);
  if (check.year !== date.year || check.month !== date.month || check.day !== date.day) return null;
  return date;
}

const midnight = (date: LocalDate, timezone: string) =>
  localToInstant({ ...date, hour: 0, minute: 0 }, timezone);

function weekdayOf(date: LocalDate): number {
  return addLocalDays(date, 0).weekday;
}

/** ISO 8601 week number and its year: the week that holds the Thursday. */
export function isoWeekOf(monday: LocalDate): { year: number; week: number } {
  const thursday = addLocalDays(monday, 3);
  const januaryFirst = Date.UTC(thursday.year, 0, 1);
  const dayOfYear = Math.round(
    (Date.UTC(thursday.year, thursday.month - 1, thursday.day) - januaryFirst) / 86_400_000,
  );
  return { year: thursday.year, week: Math.floor(dayOfYear / 7) + 1 };
}

function daysPeriod(
  kind: ReportPeriodKind,
  key: string,
  first: LocalDate,
  dayCount: number,
  timezone: string,
): ReportPeriod {
  const afterLast = addLocalDays(first, dayCount);
  return {
    kind,
    key,
    firstDay: formatLocalDate(first),
    lastDay: formatLocalDate(addLocalDays(first, dayCount - 1)),
    from: midnight(first, timezone),
    to: midnight(afterLast, timezone),
    timezone,
  };
}

export function weekContaining(date: LocalDate, timezone: string): ReportPeriod {
  const monday = addLocalDays(date, -((weekdayOf(date) + 6) % 7));
  const { year, week } = isoWeekOf(monday);
  return daysPeriod('week', `${year}-W${String(week).padStart(2, '0')}`, monday, 7, timezone);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function monthContaining(date: LocalDate, timezone: string): ReportPeriod {
  const first = { year: date.year, month: date.month, day: 1 };
  const key = `${date.year}-${String(date.month).padStart(2, '0')}`;
  return daysPeriod('month', key, first, daysInMonth(date.year, date.month), timezone);
}

export function periodContaining(kind: ReportCadence, date: LocalDate, timezone: string): ReportPeriod {
  return kind === 'week' ? weekContaining(date, timezone) : monthContaining(date, timezone);
}

/** Whole local days from `first` to `last`, both included; null when reversed. */
export function dayRange(first: LocalDate, last: LocalDate, timezone: string): ReportPeriod | null {
  const days = Math.round(
    (Date.UTC(last.year, last.month - 1, last.day) - Date.UTC(first.year, first.month - 1, first.day)) /
      86_400_000,
  );
  if (days < 0) return null;
  const key = `${formatLocalDate(first)}..${formatLocalDate(last)}`;
  return daysPeriod('range', key, first, days + 1, timezone);
}

function dateOf(day: string): LocalDate {
  const parsed = parseLocalDate(day);
  if (!parsed) throw new Error(`not a local date: ${day}`);
  return parsed;
}

/** The week or month before, or the range of the same number of days just before. */
export function previousPeriod(period: ReportPeriod): ReportPeriod {
  const first = dateOf(period.firstDay);
  if (period.kind === 'week') return weekContaining(addLocalDays(first, -7), period.timezone);
  if (period.kind === 'month') return monthContaining(addLocalDays(first, -1), period.timezone);
  const last = dateOf(period.lastDay);
  const length =
    Math.round(
      (Date.UTC(last.year, last.month - 1, last.day) - Date.UTC(first.year, first.month - 1, first.day)) /
        86_400_000,
    ) + 1;
  return dayRange(addLocalDays(first, -length), addLocalDays(first, -1), period.timezone) as ReportPeriod;
}

/** The week or month after this one. */
export function nextPeriod(period: ReportPeriod, kind: ReportCadence): ReportPeriod {
  return periodContaining(kind, addLocalDays(dateOf(period.lastDay), 1), period.timezone);
}

/** The local date an instant falls on. */
export function localDateAt(ms: number, timezone: string): LocalDate {
  const parts = localParts(ms, timezone);
  return { year: parts.year, month: parts.month, day: parts.day };
}
