import type { AnomalySeriesKind, HourSeries } from './anomaly-series.ts';
import { isShareKind } from './anomaly-series.ts';
import type { AnomalySettings } from './anomaly-settings.ts';

/**
 * Robust seasonal scoring (docs/kpis.md, "Anomaly early warning"): each series'
 * value in the hour is compared with the same hour of the week in the last K
 * weeks. baseline = median of those K values; spread = 1.4826 · MAD (the
 * median absolute deviation, scaled to a normal standard deviation), never
 * below a floor; score = (value − baseline) / spread. Only rises alarm: a
 * surge of tickets or of a bad share is the warning, a quiet hour is not.
 */

/** 1.4826 · MAD estimates the standard deviation of normally distributed data. */
export const MAD_SCALE = 1.4826;
/**
 * The spread never drops below these. Counts: the Poisson standard deviation
 * √baseline, and at least 1, so a flat history (MAD = 0) does not make every
 * extra ticket infinitely surprising. Shares: 5 percentage points.
 */
export const SHARE_SPREAD_FLOOR = 0.05;
export const COUNT_SPREAD_FLOOR = 1;
/** A baseline needs this many earlier weeks with data (shares skip weeks without tickets). */
export const MIN_BASELINE_POINTS = 2;

export interface AnomalyFinding {
  kind: AnomalySeriesKind;
  key: string;
  value: number;
  baseline: number;
  score: number;
  /** Tickets behind the value (the count, or the share's denominator). */
  volume: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export interface RobustScore {
  baseline: number;
  spread: number;
  score: number;
}

export function robustScore(value: number, history: readonly number[], share: boolean): RobustScore {
  const baseline = median(history);
  const mad = median(history.map((point) => Math.abs(point - baseline)));
  const floor = share ? SHARE_SPREAD_FLOOR : Math.max(COUNT_SPREAD_FLOOR, Math.sqrt(baseline));
  const spread = Math.max(MAD_SCALE * mad, floor);
  return { baseline, spread, score: (value - baseline) / spread };
}

export interface DetectInput {
  /** The hour being judged. */
  current: HourSeries;
  /** The same hour in earlier weeks, one entry per week (missing series count as 0 tickets). */
  history: readonly HourSeries[];
  settings: Pick<AnomalySettings, 'minScore' | 'minVolume'>;
}

/** The series of the hour that rose beyond the threshold, highest score first. */
export function detectAnomalies(input: DetectInput): AnomalyFinding[] {
  const findings: AnomalyFinding[] = [];
  for (const [id, point] of input.current) {
    // Quiet hours never alarm: too few tickets in the count, or behind the share.
    if (point.volume < input.settings.minVolume) continue;
    const share = isShareKind(point.kind);
    const history = input.history.flatMap((week) => {
      const past = week.get(id);
      // A count absent that week was zero; a share with no tickets behind it is unknown.
      if (share) return past ? [past.value] : [];
      return [past?.value ?? 0];
    });
    if (history.length < MIN_BASELINE_POINTS) continue;
    const scored = robustScore(point.value, history, share);
    if (scored.score < input.settings.minScore) continue;
    findings.push({
      kind: point.kind,
      key: point.key,
      value: point.value,
      baseline: scored.baseline,
      score: Math.round(scored.score * 100) / 100,
      volume: point.volume,
    });
  }
  return findings.sort(
    (a, b) => b.score - a.score || a.kind.localeCompare(b.kind) || a.key.localeCompare(b.key),
  );
}
