/**
 * Wall-clock readings in a named zone with nothing but Intl (the engine has
 * the same helpers but keeps them internal). Used to lay business hours onto
 * real instants.
 */
export interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type WeekdayId = (typeof WEEKDAYS)[number];

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
    });
    FORMATTERS.set(timezone, format);
  }
  return format;
}

function readParts(ms: number, timezone: string) {
  const parts: Record<string, number> = {};
  for (const part of formatter(timezone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

export function localDateOf(ms: number, timezone: string): LocalDate {
  const { year, month, day } = readParts(ms, timezone);
  return { year, month, day };
}

function offsetAt(ms: number, timezone: string): number {
  const local = readParts(ms, timezone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

/** The instant the wall clock in `timezone` shows `minuteOfDay` on `date` (earlier one when repeated). */
export function localToInstant(date: LocalDate, minuteOfDay: number, timezone: string): number {
  const guess = Date.UTC(date.year, date.month - 1, date.day, 0, minuteOfDay);
  const before = offsetAt(guess - 86_400_000, timezone);
  const after = offsetAt(guess + 86_400_000, timezone);
  const valid = [guess - before, guess - after].filter(
    (candidate, index) => offsetAt(candidate, timezone) === (index === 0 ? before : after),
  );
  return valid.length > 0 ? Math.min(...valid) : guess - before;
}

export function addDays(date: LocalDate, days: number): LocalDate & { weekday: WeekdayId } {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    weekday: WEEKDAYS[shifted.getUTCDay()] ?? 'sun',
  };
}

export function formatDate(date: LocalDate): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}
