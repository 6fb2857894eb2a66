import type { CronSpec } from '../model-imports.ts';
import { addLocalDays, localParts, localToInstant } from './zoned-time.ts';

/** Enough days to reach the next 29 February from any date, with room to spare. */
const MAX_DAYS_AHEAD = 366 * 8 + 2;

function dayMatches(spec: CronSpec, date: { month: number; day: number; weekday: number }): boolean {
  if (!spec.months.has(date.month)) return false;
  const byMonthDay = spec.daysOfMonth.has(date.day);
  const byWeekday = spec.daysOfWeek.has(date.weekday);
  // Classic cron: when both day fields are restricted, either one matching is enough.
  return spec.dayFieldsOr ? byMonthDay || byWeekday : byMonthDay && byWeekday;
}

/**
 * The next time a schedule trigger fires strictly after `after`, reading the
 * cron fields as wall-clock time in `timezone`. Returns undefined for a spec
 * that never fires (e.g. 31 February).
 */
export function nextCronFire(spec: CronSpec, timezone: string, after: string): string | undefined {
  const afterMs = Date.parse(after);
  if (Number.isNaN(afterMs)) throw new RangeError(`Not an instant: ${after}`);
  const hours = [...spec.hours].sort((a, b) => a - b);
  const minutes = [...spec.minutes].sort((a, b) => a - b);
  // Start a day early: the local date at `after` may lag the UTC one.
  const start = addLocalDays(localParts(afterMs, timezone), -1);
  for (let offset = 0; offset <= MAX_DAYS_AHEAD; offset++) {
    const date = addLocalDays(start, offset);
    if (!dayMatches(spec, date)) continue;
    for (const hour of hours) {
      for (const minute of minutes) {
        const candidate = localToInstant({ ...date, hour, minute }, timezone);
        if (candidate > afterMs) return new Date(candidate).toISOString();
      }
    }
  }
  return undefined;
}
