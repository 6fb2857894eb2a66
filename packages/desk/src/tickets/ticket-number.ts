import type { CounterRepository } from '@flowdesk/store';

/**
 * Ticket numbers read `CS` + the local date + a daily serial of at least three
 * digits: CS20261122001, …, CS20261122999, CS202611221000. The serial comes
 * from an atomic store counter per day, so two processes never hand out the
 * same number.
 */
const PREFIX = 'CS';

/** Building an Intl formatter costs far more than using one; one per timezone is kept. */
const dateFormatters = new Map<string, Intl.DateTimeFormat>();

function dateFormatter(timezone: string): Intl.DateTimeFormat {
  let formatter = dateFormatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dateFormatters.set(timezone, formatter);
  }
  return formatter;
}

/** The last answer per timezone, by UTC minute: zone offsets are whole minutes, so a date only changes on one. */
const lastKeys = new Map<string, { minute: number; key: string }>();

/** The calendar date in `timezone` as YYYYMMDD. */
export function localDateKey(at: Date, timezone: string): string {
  const minute = Math.floor(at.getTime() / 60_000);
  const last = lastKeys.get(timezone);
  if (last?.minute === minute) return last.key;
  const parts = dateFormatter(timezone).formatToParts(at);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  const key = `${get('year')}${get('month')}${get('day')}`;
  lastKeys.set(timezone, { minute, key });
  return key;
}

export function formatTicketNumber(dateKey: string, serial: number): string {
  return `${PREFIX}${dateKey}${String(serial).padStart(3, '0')}`;
}

export async function nextTicketNumber(
  counters: CounterRepository,
  at: Date,
  timezone: string,
): Promise<string> {
  const dateKey = localDateKey(at, timezone);
  const serial = await counters.next(`ticket:${dateKey}`);
  return formatTicketNumber(dateKey, serial);
}

const NUMBER_RE = /^CS\d{8}\d{3,}$/;

export function isTicketNumber(value: string): boolean {
  return NUMBER_RE.test(value);
}
