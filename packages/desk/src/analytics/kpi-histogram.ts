import { percentile } from './kpi-aggregates.ts';

/**
 * Durations in a form rollups can add and subtract: a log-bucket histogram,
 * plus the exact values while there are few of them.
 *
 * Why both: the KPI tests (and a dashboard over a quiet team or one day) ask
 * for the exact nearest-rank percentile, which needs every value; a year at a
 * million tickets cannot keep every value per rollup row. So a histogram keeps
 * the values themselves up to HIST_EXACT_MAX (merging two exact ones stays
 * exact while the total fits) and only counts per bucket beyond. Buckets are
 * HIST_STEPS_PER_DOUBLING per doubling of the duration in ms: bucket b ≥ 1
 * holds [2^((b−1)/16), 2^(b/16)) ms and answers its geometric middle, so a
 * bucketed percentile is within 2^(1/32) − 1 ≈ 2.2 % (relative) of the exact
 * one, and 0 ms (a reply at the instant of creation) stays exactly 0.
 */

export const HIST_STEPS_PER_DOUBLING = 16;
export const HIST_EXACT_MAX = 64;
/** The largest relative error of a bucketed percentile (docs/kpis.md, "Rollups"). */
export const HIST_RELATIVE_ERROR = 2 ** (1 / (2 * HIST_STEPS_PER_DOUBLING)) - 1;

export interface Hist {
  /** How many values. */
  n: number;
  /** Bucket → count, only non-zero buckets. */
  b: Record<string, number>;
  /** Every value, while n ≤ HIST_EXACT_MAX and none was lost; null otherwise. */
  x: number[] | null;
}

export const emptyHist = (): Hist => ({ n: 0, b: {}, x: [] });

export function histBucket(value: number): number {
  if (value < 1) return 0;
  return Math.floor(HIST_STEPS_PER_DOUBLING * Math.log2(value)) + 1;
}

/** The value a bucket answers: its geometric middle (0 for bucket 0). */
export function histBucketValue(bucket: number): number {
  if (bucket <= 0) return 0;
  return Math.round(2 ** ((bucket - 0.5) / HIST_STEPS_PER_DOUBLING));
}

function addBucket(hist: Hist, bucket: number, count: number): void {
  const key = String(bucket);
  const next = (hist.b[key] ?? 0) + count;
  if (next === 0) delete hist.b[key];
  else hist.b[key] = next;
}

function removeValue(values: number[], value: number): boolean {
  const at = values.indexOf(value);
  if (at < 0) return false;
  values.splice(at, 1);
  return true;
}

/** Adds (sign 1) or takes away (sign −1) one value. */
export function histAdd(hist: Hist, value: number, sign: 1 | -1 = 1): void {
  hist.n += sign;
  addBucket(hist, histBucket(value), sign);
  if (hist.x === null) return;
  if (sign === 1) {
    if (hist.n <= HIST_EXACT_MAX) hist.x.push(value);
    else hist.x = null;
  } else if (!removeValue(hist.x, value)) hist.x = null;
}

/** Adds (or takes away) every value of another histogram. */
export function histMerge(hist: Hist, other: Hist, sign: 1 | -1 = 1): void {
  hist.n += sign * other.n;
  // By key, without the entries array and number round trip: a year's tiles merge ~10^5 buckets.
  for (const key in other.b) {
    const next = (hist.b[key] ?? 0) + sign * (other.b[key] as number);
    if (next === 0) delete hist.b[key];
    else hist.b[key] = next;
  }
  if (hist.x === null) return;
  if (other.x === null || hist.n > HIST_EXACT_MAX) {
    hist.x = null;
    return;
  }
  if (sign === 1) hist.x.push(...other.x);
  else if (!other.x.every((value) => removeValue(hist.x as number[], value))) hist.x = null;
}

/** Nearest-rank percentile: exact while the values are kept, else the middle of the bucket holding the rank. */
export function histPercentile(hist: Hist, p: number): number | null {
  if (hist.n <= 0) return null;
  if (hist.x !== null && hist.x.length === hist.n) return percentile(hist.x, p);
  const rank = Math.max(1, Math.ceil((p / 100) * hist.n));
  const buckets = Object.entries(hist.b)
    .map(([bucket, count]) => [Number(bucket), count] as const)
    .sort((a, b) => a[0] - b[0]);
  let seen = 0;
  for (const [bucket, count] of buckets) {
    seen += count;
    if (seen >= rank) return histBucketValue(bucket);
  }
  return null;
}
