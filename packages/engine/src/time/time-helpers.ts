import { type Calendar, type Duration, durationToMs, hoursWeekdayOf } from '../model-imports.ts';
import { addLocalDays, formatLocalDate, localParts, localToInstant } from './zoned-time.ts';

/**
 * Pure time arithmetic for waits and business hours. Instants travel as ISO
 * strings (what the execution state stores); the clock is always passed in.
 */

const WEEKDAY_IDS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

function toMs(instant: string): number {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`Not an instant: ${instant}`);
  return ms;
}

/** `days` are 24-hour days, as durationToMs counts them. */
export function addDuration(instant: string, duration: Duration): string {
  return new Date(toMs(instant) + durationToMs(duration)).toISOString();
}

function parseTimeOfDay(timeOfDay: string): { hour: number; minute: number } {
  const match = /^(\d{2}):(\d{2})$/.exec(timeOfDay);
  if (!match) throw new RangeError(`Not a time of day: ${timeOfDay}`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/**
 * The first instant strictly after `after` when the wall clock in `timezone`
 * shows `timeOfDay` (HH:MM). Safe across daylight-saving changes: a skipped
 * time falls just after the gap, a repeated one takes its first occurrence.
 */
export function nextLocalTime(timeOfDay: string, timezone: string, after: string): string {
  const afterMs = toMs(after);
  const { hour, minute } = parseTimeOfDay(timeOfDay);
  const today = localParts(afterMs, timezone);
  for (let offset = 0; offset <= 2; offset++) {
    const date = addLocalDays(today, offset);
    const candidate = localToInstant({ ...date, hour, minute }, timezone);
    if (candidate > afterMs) return new Date(candidate).toISOString();
  }
  throw new RangeError(`No ${timeOfDay} in ${timezone} after ${after}`);
}

function minutesOf(timeOfDay: string): number {
  const { hour, minute } = parseTimeOfDay(timeOfDay);
  return hour * 60 + minute;
}

/**
 * Whether the business is open at `instant`: a weekly slot covers it (`to` exclusive) and it is
 * no holiday. A make-up workday (调休) has Monday's slots, whatever its weekday.
 */
export function isWithinCalendar(calendar: Calendar, instant: string): boolean {
  const local = localParts(toMs(instant), calendar.timezone);
  const ownWeekday = WEEKDAY_IDS[local.weekday];
  if (ownWeekday === undefined) return false;
  const weekday = hoursWeekdayOf(calendar, formatLocalDate(local), ownWeekday);
  if (weekday === null) return false;
  const minute = local.hour * 60 + local.minute;
  return calendar.weekly.some(
    (slot) =>
      (slot.days as readonly string[]).includes(weekday) &&
      minute >= minutesOf(slot.from) &&
      minute < minutesOf(slot.to),
  );
}
