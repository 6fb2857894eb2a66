import type { Locale } from '@flowdesk/model';

/**
 * How a KPI tile reads: its value in the KPI's unit, the change against the
 * previous period (arrow, amount, and whether that is good news for this KPI)
 * and whether the workspace's target is met. Values come from
 * `analytics.kpis` in the KPI's unit (docs/kpis.md); null is "no data".
 */

/** count: tickets; ratio: 0–1; ms: a duration; score: CSAT 1–5; nps: −100…100. */
export type KpiUnit = 'count' | 'ratio' | 'ms' | 'score' | 'nps';

/** What a tile needs of `analytics.kpis`' answer (its `KpiTile`). */
export interface KpiNumbers {
  readonly unit: KpiUnit;
  readonly better: 'higher' | 'lower';
  readonly value: number | null;
  readonly previous: number | null;
  readonly change: number | null;
  readonly target: number | null;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function unitPart(amount: number, unit: 'day' | 'hour' | 'minute' | 'second', locale: Locale): string {
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(amount);
}

/** A duration in its two largest units, as the reader's language writes them: "1 hr 20 min", "1小时20分钟". */
export function formatDuration(ms: number, locale: Locale): string {
  const total = Math.max(0, Math.round(ms / SECOND)) * SECOND;
  if (total < MINUTE) return unitPart(total / SECOND, 'second', locale);
  const parts: Array<[number, 'day' | 'hour' | 'minute']> = [
    [Math.floor(total / DAY), 'day'],
    [Math.floor((total % DAY) / HOUR), 'hour'],
    [Math.floor((total % HOUR) / MINUTE), 'minute'],
  ];
  const first = parts.findIndex(([amount]) => amount > 0);
  const shown = parts.slice(first, first + 2).filter(([amount]) => amount > 0);
  const joiner = locale === 'zh-CN' ? '' : ' ';
  return shown.map(([amount, unit]) => unitPart(amount, unit, locale)).join(joiner);
}

/** A KPI's value in its unit; null reads as the "no data" text, never NaN. */
export function formatKpiValue(value: number | null, unit: KpiUnit, locale: Locale, noData: string): string {
  if (value === null || !Number.isFinite(value)) return noData;
  switch (unit) {
    case 'count':
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
    case 'ratio':
      return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
    case 'ms':
      return formatDuration(value, locale);
    case 'score':
      return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
        value,
      );
    case 'nps':
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 0, signDisplay: 'exceptZero' }).format(
        value,
      );
  }
}

export type ChangeDirection = 'up' | 'down' | 'flat';
/** Whether the change is good news for this KPI (fewer hand-offs are good, fewer resolutions are not). */
export type ChangeMood = 'good' | 'bad' | 'neutral';

/**
 * How the change is told: relative percent for counts, durations and scores;
 * percentage points for shares and NPS points (a 40 % → 44 % share is "+4 pts",
 * not "+10 %"); the plain difference when the previous period was 0.
 */
export type ChangeAmount =
  | { readonly kind: 'percent'; readonly text: string }
  | { readonly kind: 'points'; readonly text: string }
  | { readonly kind: 'absolute'; readonly text: string };

export interface KpiChange {
  readonly direction: ChangeDirection;
  readonly mood: ChangeMood;
  readonly amount: ChangeAmount;
}

/** Rounding noise (a float difference of 1e-12) is no change. */
const EPSILON = 1e-9;

/** The change against the previous period, or null when either period has no data. */
export function kpiChange(kpi: KpiNumbers, locale: Locale): KpiChange | null {
  if (kpi.value === null || kpi.previous === null) return null;
  const change = kpi.change ?? kpi.value - kpi.previous;
  if (!Number.isFinite(change)) return null;
  const direction: ChangeDirection = Math.abs(change) < EPSILON ? 'flat' : change > 0 ? 'up' : 'down';
  const mood: ChangeMood =
    direction === 'flat' ? 'neutral' : (direction === 'up') === (kpi.better === 'higher') ? 'good' : 'bad';
  return { direction, mood, amount: changeAmount(kpi, change, locale) };
}

function changeAmount(kpi: KpiNumbers, change: number, locale: Locale): ChangeAmount {
  const size = Math.abs(change);
  if (kpi.unit === 'ratio' || kpi.unit === 'nps') {
    const points = kpi.unit === 'ratio' ? size * 100 : size;
    return {
      kind: 'points',
      text: new Intl.NumberFormat(locale, { maximumFractionDigits: kpi.unit === 'ratio' ? 1 : 0 }).format(
        points,
      ),
    };
  }
  const previous = kpi.previous ?? 0;
  if (Math.abs(previous) < EPSILON) {
    return { kind: 'absolute', text: formatKpiValue(size, kpi.unit, locale, '') };
  }
  return {
    kind: 'percent',
    text: new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(
      size / Math.abs(previous),
    ),
  };
}

/** Whether the value reaches the workspace's target, in the KPI's direction; null without a target or data. */
export function targetMet(kpi: KpiNumbers): boolean | null {
  if (kpi.target === null || kpi.value === null) return null;
  return kpi.better === 'higher' ? kpi.value >= kpi.target : kpi.value <= kpi.target;
}
