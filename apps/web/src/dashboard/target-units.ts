import type { KpiUnit } from './kpi-format.ts';

/**
 * Targets are stored in each KPI's own unit (a share as 0–1, a duration in
 * milliseconds); people type them as they read them: a percentage, minutes,
 * a count, a CSAT score, NPS points.
 */

const MINUTE = 60_000;

export type TargetInputUnit = 'percent' | 'minutes' | 'count' | 'score' | 'points';

export const TARGET_INPUT_UNIT: Record<KpiUnit, TargetInputUnit> = {
  ratio: 'percent',
  ms: 'minutes',
  count: 'count',
  score: 'score',
  nps: 'points',
};

/** The limits the server accepts (analytics-targets.ts), in the typed unit. */
export const TARGET_INPUT_RANGE: Record<TargetInputUnit, { min: number; max: number; step: number }> = {
  percent: { min: 0, max: 100, step: 0.1 },
  minutes: { min: 0, max: 366 * 24 * 60, step: 1 },
  count: { min: 0, max: 1e9, step: 1 },
  score: { min: 1, max: 5, step: 0.1 },
  points: { min: -100, max: 100, step: 1 },
};

/** A stored target as typed text ('' for none); rounding keeps 0.85 from showing as 85.00000000000001. */
export function targetToInput(value: number | undefined, unit: KpiUnit): string {
  if (value === undefined) return '';
  const typed = unit === 'ratio' ? value * 100 : unit === 'ms' ? value / MINUTE : value;
  return String(Math.round(typed * 1000) / 1000);
}

/** Typed text as a stored target: undefined for an empty field, null for text that is no number in range. */
export function inputToTarget(text: string, unit: KpiUnit): number | undefined | null {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return undefined;
  const typed = Number(trimmed);
  const range = TARGET_INPUT_RANGE[TARGET_INPUT_UNIT[unit]];
  if (!Number.isFinite(typed) || typed < range.min || typed > range.max) return null;
  if (unit === 'ratio') return typed / 100;
  if (unit === 'ms') return Math.round(typed * MINUTE);
  return typed;
}
