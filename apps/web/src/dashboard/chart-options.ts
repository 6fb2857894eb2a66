import type { Locale } from '@flowdesk/model';
import { formatKpiValue, type KpiUnit } from './kpi-format.ts';

/**
 * ECharts options for the dashboard's two charts, built as plain data so they
 * can be tested without a canvas and so the ECharts code itself stays in the
 * lazy chunk (echart-view.tsx). Numbers and dates are written the reader's
 * way; text uses a font stack with CJK faces so Chinese labels render.
 */

export const CHART_FONT_FAMILY =
  'system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif';

export interface SeriesPointData {
  readonly from: string;
  readonly to: string;
  readonly value: number | null;
}

export interface BreakdownBarData {
  readonly label: string;
  readonly value: number | null;
}

/** What the chart view draws; a loose object so echarts' types stay in its chunk. */
export type ChartOption = Record<string, unknown>;

const ACCENT = '#2563eb';

/**
 * A bucket's start as the reader writes it: "Nov 22, 14:00" / "11月22日 14:00", or the day alone.
 * Read in the workspace's zone, the one the server counted days and hours in, so a
 * Shanghai day that starts at 16:00 UTC is still labelled with its own date.
 */
export function bucketLabel(
  iso: string,
  bucket: 'hour' | 'day' | 'week',
  locale: Locale,
  timeZone?: string,
): string {
  const options: Intl.DateTimeFormatOptions =
    bucket === 'hour'
      ? { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }
      : { month: 'short', day: 'numeric' };
  try {
    return new Intl.DateTimeFormat(locale, { ...options, ...(timeZone ? { timeZone } : {}) }).format(
      new Date(iso),
    );
  } catch {
    // An unknown zone name: the reader's own zone is better than no label.
    return new Intl.DateTimeFormat(locale, options).format(new Date(iso));
  }
}

function baseOption(ariaLabel: string): ChartOption {
  return {
    aria: { enabled: true, label: { description: ariaLabel } },
    textStyle: { fontFamily: CHART_FONT_FAMILY },
    animation: false,
    tooltip: { trigger: 'axis', confine: true, textStyle: { fontFamily: CHART_FONT_FAMILY } },
  };
}

export function seriesOption(input: {
  points: readonly SeriesPointData[];
  bucket: 'hour' | 'day' | 'week';
  unit: KpiUnit;
  locale: Locale;
  noData: string;
  name: string;
  timeZone?: string;
}): ChartOption {
  const { points, bucket, unit, locale, noData, name, timeZone } = input;
  const format = (value: unknown) =>
    formatKpiValue(typeof value === 'number' ? value : null, unit, locale, noData);
  return {
    ...baseOption(name),
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: points.map((point) => bucketLabel(point.from, bucket, locale, timeZone)),
      axisLabel: { hideOverlap: true },
    },
    yAxis: { type: 'value', axisLabel: { formatter: format }, minInterval: unit === 'count' ? 1 : 0 },
    tooltip: {
      trigger: 'axis',
      confine: true,
      valueFormatter: format,
      textStyle: { fontFamily: CHART_FONT_FAMILY },
    },
    series: [
      {
        type: unit === 'count' ? 'bar' : 'line',
        name,
        // A bucket without data is a gap, not a zero.
        data: points.map((point) => (point.value === null ? '-' : point.value)),
        connectNulls: false,
        itemStyle: { color: ACCENT },
        cursor: 'pointer',
      },
    ],
  };
}

export function breakdownOption(input: {
  bars: readonly BreakdownBarData[];
  unit: KpiUnit;
  locale: Locale;
  noData: string;
  name: string;
}): ChartOption {
  const { bars, unit, locale, noData, name } = input;
  const format = (value: unknown) =>
    formatKpiValue(typeof value === 'number' ? value : null, unit, locale, noData);
  // Horizontal bars, largest group on top: long team names stay readable on a phone.
  const ordered = [...bars].reverse();
  return {
    ...baseOption(name),
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    yAxis: {
      type: 'category',
      data: ordered.map((bar) => bar.label),
      axisLabel: { width: 120, overflow: 'truncate' },
    },
    xAxis: {
      type: 'value',
      axisLabel: { formatter: format, hideOverlap: true },
      minInterval: unit === 'count' ? 1 : 0,
    },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      confine: true,
      valueFormatter: format,
      textStyle: { fontFamily: CHART_FONT_FAMILY },
    },
    series: [
      {
        type: 'bar',
        name,
        data: ordered.map((bar) => (bar.value === null ? '-' : bar.value)),
        itemStyle: { color: ACCENT },
        label: { show: true, position: 'right', formatter: (p: { value: unknown }) => format(p.value) },
        cursor: 'pointer',
      },
    ],
  };
}

/** The bar clicked in a breakdown chart, back in the answer's order (the chart draws them reversed). */
export const breakdownIndex = (chartIndex: number, count: number): number => count - 1 - chartIndex;
