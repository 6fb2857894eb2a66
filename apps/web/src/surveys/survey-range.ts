/**
 * The results' date range as people pick it: whole local days, the end day
 * included. The API takes instants with an exclusive end, so the end is the
 * start of the day after.
 */
export interface DayRange {
  /** `YYYY-MM-DD`, local. */
  readonly from: string;
  readonly to: string;
}

const pad = (value: number) => String(value).padStart(2, '0');

export function dayOf(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The last `days` days, today included. */
export function lastDays(today: Date, days: number): DayRange {
  const start = new Date(today.getFullYear(), today.getMonth(), today.getDate() - (days - 1));
  return { from: dayOf(start), to: dayOf(today) };
}

function localMidnight(day: string, plusDays = 0): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + plusDays);
}

/** Instants for the API; null while a day is missing or malformed (the form then waits). */
export function rangeInstants(range: DayRange): { from: string; to: string } | null {
  const from = localMidnight(range.from);
  const to = localMidnight(range.to, 1);
  if (!from || !to) return null;
  return { from: from.toISOString(), to: to.toISOString() };
}
