import type { Calendar } from '../port/model.types.ts';

/** A calendar as it may lie in storage: saved before make-up workdays (调休) existed, it has no `workdays`. */
export type StoredCalendar = Omit<Calendar, 'workdays'> & { workdays?: string[] };

/** Reads a stored calendar in the shape CalendarSchema gives: an old one has no make-up workdays. */
export function storedCalendar(calendar: StoredCalendar | null | undefined): Calendar | null {
  if (!calendar) return null;
  return { ...calendar, workdays: calendar.workdays ?? [] };
}
