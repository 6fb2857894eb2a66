import { addLocalDays, formatLocalDate, localParts, localToInstant } from '@flowdesk/engine';
import { type Calendar, hoursWeekdayOf } from '@flowdesk/model';

/**
 * SLA clocks count business time when there is a calendar (weekly opening
 * hours in its timezone, minus holidays, plus make-up workdays) and wall-clock
 * time otherwise. Pure:
 * instants in, instants out.
 */

/** A year and a bit: a calendar with no opening hours at all must not loop forever. */
const MAX_DAYS = 400;

const WEEKDAY_IDS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

function minuteOfDay(timeOfDay: string): number {
  const [hours = '0', minutes = '0'] = timeOfDay.split(':');
  return Number(hours) * 60 + Number(minutes);
}

function atMinute(date: { year: number; month: number; day: number }, minute: number) {
  return { ...date, hour: Math.floor(minute / 60), minute: minute % 60 };
}

/** Open intervals [start, end) from `fromMs` on, in time order, clipped to start no earlier than fromMs. */
function* openIntervals(fromMs: number, calendar: Calendar): Generator<[number, number]> {
  const first = localParts(fromMs, calendar.timezone);
  for (let offset = 0; offset < MAX_DAYS; offset += 1) {
    const date = addLocalDays(first, offset);
    // A holiday is closed; a make-up workday (调休) keeps Monday's hours.
    const weekday = hoursWeekdayOf(calendar, formatLocalDate(date), WEEKDAY_IDS[date.weekday] ?? 'sun');
    if (weekday === null) continue;
    const slots = calendar.weekly
      .filter((slot) => (slot.days as readonly string[]).includes(weekday))
      .map((slot) => [minuteOfDay(slot.from), minuteOfDay(slot.to)] as const)
      .filter(([from, to]) => to > from)
      .sort((a, b) => a[0] - b[0]);
    // Overlapping slots are merged so no minute counts twice.
    const merged: Array<[number, number]> = [];
    for (const [from, to] of slots) {
      const last = merged.at(-1);
      if (last && from <= last[1]) last[1] = Math.max(last[1], to);
      else merged.push([from, to]);
    }
    for (const [from, to] of merged) {
      const start = Math.max(localToInstant(atMinute(date, from), calendar.timezone), fromMs);
      const end = localToInstant(atMinute(date, to), calendar.timezone);
      if (end > start) yield [start, end];
    }
  }
}

/** The instant `durationMs` of business time after `startMs`. */
export function addBusinessTime(startMs: number, durationMs: number, calendar: Calendar | null): number {
  if (!calendar) return startMs + durationMs;
  let remaining = durationMs;
  for (const [start, end] of openIntervals(startMs, calendar)) {
    if (end - start >= remaining) return start + remaining;
    remaining -= end - start;
  }
  throw new RangeError(`The calendar has no opening hours within ${MAX_DAYS} days`);
}

/** Business time between two instants (0 when `toMs` is not later). */
export function businessTimeBetween(fromMs: number, toMs: number, calendar: Calendar | null): number {
  if (toMs <= fromMs) return 0;
  if (!calendar) return toMs - fromMs;
  let total = 0;
  for (const [start, end] of openIntervals(fromMs, calendar)) {
    if (start >= toMs) break;
    total += Math.min(end, toMs) - start;
  }
  return total;
}
