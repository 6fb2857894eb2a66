/**
 * The page's period in its address (`/reports?kind=month&date=2026-11-05`):
 * a week or a month and any day in it. The server decides where the period
 * starts and ends (ISO weeks, months in the workspace's zone); the page only
 * moves the day to the period before or after the one shown.
 */

export type ReportKind = 'week' | 'month';

export interface ReportSelection {
  kind: ReportKind;
  /** YYYY-MM-DD, any day of the period. */
  date: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** Today as the reader's calendar shows it. */
export function todayIso(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function selectionFrom(params: URLSearchParams, now: Date = new Date()): ReportSelection {
  const kind = params.get('kind') === 'month' ? 'month' : 'week';
  const date = params.get('date') ?? '';
  return { kind, date: DATE.test(date) ? date : todayIso(now) };
}

/** The calendar day `days` after a YYYY-MM-DD day. */
export function addDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number);
  const shifted = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, (date ?? 1) + days));
  return `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
}
