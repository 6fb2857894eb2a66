/**
 * Wall-clock arithmetic in a named timezone with nothing but Intl, so the
 * engine needs no date library and no knowledge of the host's zone.
 */
export interface LocalDateTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** 0 = Sunday … 6 = Saturday, as cron counts. */
  readonly weekday: number;
}

const DAY_MS = 86_400_000;
const WEEKDAY_INDEX: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const FORMATTERS = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let format = FORMATTERS.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    FORMATTERS.set(timezone, format);
  }
  return format;
}

/** The wall-clock reading in `timezone` at the instant `ms`. */
export function localParts(ms: number, timezone: string): LocalDateTime {
  const parts: Record<string, string> = {};
  for (const part of formatter(timezone).formatToParts(new Date(ms))) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAY_INDEX[parts.weekday ?? ''] ?? 0,
  };
}

/** Local minus UTC at `ms`, in milliseconds (e.g. +8 h for Asia/Shanghai). */
function offsetAt(ms: number, timezone: string): number {
  const local = localParts(ms, timezone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * The instant a wall clock in `timezone` shows the given local time. When the
 * clocks go back and the time happens twice, the earlier; when they spring
 * forward and it never happens, the same distance after the gap (03:30 for a
 * 02:30 that was skipped), as Temporal's "compatible" rule does.
 */
export function localToInstant(
  local: { year: number; month: number; day: number; hour: number; minute: number },
  timezone: string,
): number {
  const guess = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  // Real zones change offset at most once within a day, so the offsets a day
  // before and after are the only candidates.
  const before = offsetAt(guess - DAY_MS, timezone);
  const after = offsetAt(guess + DAY_MS, timezone);
  const valid = [guess - before, guess - after].filter(
    (candidate, index) => offsetAt(candidate, timezone) === (index === 0 ? before : after),
  );
  if (valid.length > 0) return Math.min(...valid);
  return guess - before;
}

/** The calendar date `days` after a local date (no timezone involved: dates only). */
export function addLocalDays(
  date: { year: number; month: number; day: number },
  days: number,
): { year: number; month: number; day: number; weekday: number } {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    weekday: shifted.getUTCDay(),
  };
}

export function formatLocalDate(date: { year: number; month: number; day: number }): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}
