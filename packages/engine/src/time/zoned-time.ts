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

/** The wall-clock reading as Intl gives it: the reference, ~5–10 µs a call. */
function formattedParts(ms: number, timezone: string): LocalDateTime {
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

/** Local minus UTC at `ms` as Intl gives it, in milliseconds (whole seconds). */
function exactOffset(ms: number, timezone: string): number {
  const local = formattedParts(ms, timezone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * Offsets per timezone and 15-minute slot of UTC time, known when the offset
 * at the slot's first and last millisecond agree (no zone changes its offset
 * twice within 15 minutes); null: it changes inside, ask Intl each time. Why:
 * business-time sums over a year of tickets convert ~30 instants per ticket
 * (the KPI rollups spent a quarter of their time in formatToParts), and each
 * Intl call costs ~100× a Date getter. Bounded: cleared at SLOT_CACHE_MAX.
 */
const SLOT_MS = 15 * 60_000;
const SLOT_CACHE_MAX = 100_000;
const SLOT_OFFSETS = new Map<string, Map<number, number | null>>();

/** Local minus UTC at `ms`, in milliseconds (e.g. +8 h for Asia/Shanghai). */
function offsetAt(ms: number, timezone: string): number {
  let slots = SLOT_OFFSETS.get(timezone);
  if (!slots) {
    slots = new Map();
    SLOT_OFFSETS.set(timezone, slots);
  }
  const slot = Math.floor(ms / SLOT_MS);
  let offset = slots.get(slot);
  if (offset === undefined) {
    const first = exactOffset(slot * SLOT_MS, timezone);
    offset = first === exactOffset(slot * SLOT_MS + SLOT_MS - 1, timezone) ? first : null;
    if (slots.size >= SLOT_CACHE_MAX) slots.clear();
    slots.set(slot, offset);
  }
  return offset ?? exactOffset(ms, timezone);
}

/** The wall-clock reading in `timezone` at the instant `ms`. */
export function localParts(ms: number, timezone: string): LocalDateTime {
  const shifted = new Date(ms + offsetAt(ms, timezone));
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    weekday: shifted.getUTCDay(),
  };
}

/** localParts as Intl computes it, uncached (tests compare the two). */
export const intlLocalParts = formattedParts;

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
