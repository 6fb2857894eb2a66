/**
 * What a KPI accumulates before it becomes a number: a count, a ratio, a sum
 * with its count, or a list of durations. Every aggregate merges with another
 * of its kind, so the same KPI can be computed from raw records today and from
 * per-day rollups later (docs/kpis.md, "Rollups"). Finishing an empty
 * aggregate gives null ("no data"), never NaN.
 */

export interface Ratio {
  readonly kind: 'ratio';
  numerator: number;
  denominator: number;
}

export interface Mean {
  readonly kind: 'mean';
  sum: number;
  count: number;
}

/** Durations or scores kept whole, for percentiles. A rollup keeps a fixed-bucket histogram instead. */
export interface Samples {
  readonly kind: 'samples';
  values: number[];
}

export const ratio = (numerator = 0, denominator = 0): Ratio => ({ kind: 'ratio', numerator, denominator });
export const mean = (sum = 0, count = 0): Mean => ({ kind: 'mean', sum, count });
export const samples = (values: number[] = []): Samples => ({ kind: 'samples', values });

/** numerator / denominator, or null when nothing was counted. */
export function ratioValue(value: Ratio): number | null {
  return value.denominator === 0 ? null : value.numerator / value.denominator;
}

export function meanValue(value: Mean): number | null {
  return value.count === 0 ? null : value.sum / value.count;
}

/**
 * The p-th percentile (0 < p ≤ 100) by the nearest-rank method: the smallest
 * value with at least p % of the values at or below it. Null on no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

export function mergeRatio(a: Ratio, b: Ratio): Ratio {
  return ratio(a.numerator + b.numerator, a.denominator + b.denominator);
}

export function mergeMean(a: Mean, b: Mean): Mean {
  return mean(a.sum + b.sum, a.count + b.count);
}

export function mergeSamples(a: Samples, b: Samples): Samples {
  return samples([...a.values, ...b.values]);
}
