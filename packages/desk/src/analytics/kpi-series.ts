import { addLocalDays, localParts, localToInstant } from '@flowdesk/engine';
import { kpiValue, type PreparedDataset, type TicketFilter, withPeriod } from './kpi-compute.ts';
import type { KpiId } from './kpi-definitions.ts';
import type { KpiPeriod } from './kpi-records.ts';

export const SERIES_BUCKETS = ['hour', 'day', 'week'] as const;
export type SeriesBucket = (typeof SERIES_BUCKETS)[number];

export interface SeriesPoint {
  /** The bucket's start and end (ISO), in the workspace's local hours, days or weeks (weeks start on Monday). */
  from: string;
  to: string;
  value: number | null;
}

/** Bucket starts covering [from, to): local hours, local midnights, or local Monday midnights. */
export function bucketBounds(period: KpiPeriod, bucket: SeriesBucket, timezone: string): KpiPeriod[] {
  const start = localParts(period.from, timezone);
  let date = { year: start.year, month: start.month, day: start.day };
  let hour = bucket === 'hour' ? start.hour : 0;
  if (bucket === 'week') date = addLocalDays(date, -((start.weekday + 6) % 7));
  const step = () => {
    if (bucket === 'hour') {
      hour += 1;
      if (hour === 24) {
        hour = 0;
        date = addLocalDays(date, 1);
      }
    } else date = addLocalDays(date, bucket === 'week' ? 7 : 1);
  };
  const instant = () => localToInstant({ ...date, hour, minute: 0 }, timezone);
  const bounds: KpiPeriod[] = [];
  let current = instant();
  while (current < period.to) {
    step();
    const next = instant();
    // Clipped to the range asked for, so the first and last buckets may be partial.
    bounds.push({ from: Math.max(current, period.from), to: Math.min(next, period.to) });
    current = next;
  }
  return bounds;
}

export function kpiSeries(
  prepared: PreparedDataset,
  id: KpiId,
  bucket: SeriesBucket,
  timezone: string,
  filter: TicketFilter | null = null,
): SeriesPoint[] {
  return bucketBounds(prepared.scope.context.period, bucket, timezone).map((period) => ({
    from: new Date(period.from).toISOString(),
    to: new Date(period.to).toISOString(),
    value: kpiValue(withPeriod(prepared, period), id, filter),
  }));
}
