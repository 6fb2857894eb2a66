import { ANOMALY_SERIES, type AnomalySeries } from '@flowdesk/model';
import type { JsonObject } from '@flowdesk/store';
import type { AnomalySettings } from './anomaly-settings.ts';

/**
 * Hourly series the anomaly detector watches, built from the tickets of one
 * hour. Counts: tickets created in the hour per category, channel and product.
 * Shares: negative tickets among those created in the hour, and SLA breaches
 * among the tickets whose resolution fell due in the hour.
 */
export const ANOMALY_SERIES_KINDS = ANOMALY_SERIES.values;
export type AnomalySeriesKind = AnomalySeries;

export const HOUR_MS = 60 * 60 * 1000;
export const WEEK_MS = 7 * 24 * HOUR_MS;

/** What the detector needs of a ticket created in the hour. */
export interface CreatedTicketSignal {
  channel: string;
  category: string | null;
  tags: readonly string[];
  customFields: JsonObject;
}

/** What the detector needs of a ticket whose resolution fell due in the hour. */
export interface DueTicketSignal {
  slaState: string;
}

export interface HourTickets {
  created: readonly CreatedTicketSignal[];
  due: readonly DueTicketSignal[];
}

/** One series' value in one hour: a count, or a share with the volume behind it. */
export interface SeriesValue {
  kind: AnomalySeriesKind;
  key: string;
  value: number;
  /** The tickets the value stands on: the count itself, or the share's denominator. */
  volume: number;
}

/** Series values of one hour, keyed by `seriesId`. */
export type HourSeries = ReadonlyMap<string, SeriesValue>;

export function seriesId(kind: AnomalySeriesKind, key: string): string {
  return `${kind}:${key}`;
}

export function isShareKind(kind: AnomalySeriesKind): boolean {
  return kind === 'negative_share' || kind === 'sla_breach_share';
}

/** Share series have one key: the whole workspace. */
export const ALL_TICKETS_KEY = 'all';

function productOf(customFields: JsonObject, fields: readonly string[]): string | null {
  for (const field of fields) {
    const value = customFields[field];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (typeof value === 'number') return String(value);
  }
  return null;
}

export function isNegative(ticket: CreatedTicketSignal, markers: readonly string[]): boolean {
  if (ticket.category !== null && markers.includes(ticket.category)) return true;
  return ticket.tags.some((tag) => markers.includes(tag));
}

/** The hour's value of every series it has tickets for. */
export function hourSeries(
  tickets: HourTickets,
  settings: Pick<AnomalySettings, 'productFields' | 'negativeMarkers'>,
): HourSeries {
  const series = new Map<string, SeriesValue>();
  const count = (kind: AnomalySeriesKind, key: string) => {
    const id = seriesId(kind, key);
    const current = series.get(id);
    if (current) {
      current.value += 1;
      current.volume += 1;
    } else series.set(id, { kind, key, value: 1, volume: 1 });
  };
  let negative = 0;
  for (const ticket of tickets.created) {
    count('channel', ticket.channel);
    if (ticket.category) count('category', ticket.category);
    const product = productOf(ticket.customFields, settings.productFields);
    if (product) count('product', product);
    if (isNegative(ticket, settings.negativeMarkers)) negative += 1;
  }
  if (tickets.created.length > 0) {
    series.set(seriesId('negative_share', ALL_TICKETS_KEY), {
      kind: 'negative_share',
      key: ALL_TICKETS_KEY,
      value: negative / tickets.created.length,
      volume: tickets.created.length,
    });
  }
  if (tickets.due.length > 0) {
    const breached = tickets.due.filter((ticket) => ticket.slaState === 'breached').length;
    series.set(seriesId('sla_breach_share', ALL_TICKETS_KEY), {
      kind: 'sla_breach_share',
      key: ALL_TICKETS_KEY,
      value: breached / tickets.due.length,
      volume: tickets.due.length,
    });
  }
  return series;
}

/** The start of the hour `at` lies in (UTC hours; whole-hour time zones share them). */
export function hourStart(at: number): number {
  return Math.floor(at / HOUR_MS) * HOUR_MS;
}

/** The last hour that has ended at `now`. */
export function lastCompleteHour(now: number): number {
  return hourStart(now) - HOUR_MS;
}

/** The same hour of the week in each of the `weeks` weeks before `hour`, most recent first. */
export function baselineHours(hour: number, weeks: number): number[] {
  return Array.from({ length: weeks }, (_, index) => hour - (index + 1) * WEEK_MS);
}
