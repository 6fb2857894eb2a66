import type { KpiUnit } from '@flowdesk/desk';
import type { LocalizedText } from '@flowdesk/model';
import { UNIT_LABELS } from './report-texts.ts';

/**
 * How a report writes a KPI's figures: plain numbers in a unit a person reads
 * (percent, minutes) with a dot as decimal mark and no grouping, so the page,
 * the email and the CSV show the same digits and a spreadsheet reads the CSV's
 * cells as numbers. A change is signed (+3, -1.5); no data is null.
 */

export interface ReportFigures {
  value: string | null;
  previous: string | null;
  change: string | null;
  unit: LocalizedText;
  changeUnit: LocalizedText;
}

const round = (value: number, digits: number) => {
  const factor = 10 ** digits;
  const rounded = Math.round(value * factor) / factor;
  return Object.is(rounded, -0) ? 0 : rounded;
};

function scaled(unit: KpiUnit, value: number): number {
  switch (unit) {
    case 'count':
      return round(value, 0);
    case 'ratio':
      return round(value * 100, 1);
    case 'ms':
      return round(value / 60_000, 1);
    case 'score':
      return round(value, 2);
    case 'nps':
      return round(value, 1);
  }
}

function unitOf(unit: KpiUnit): { unit: LocalizedText; changeUnit: LocalizedText } {
  switch (unit) {
    case 'count':
      return { unit: UNIT_LABELS.count, changeUnit: UNIT_LABELS.count };
    case 'ratio':
      return { unit: UNIT_LABELS.percent, changeUnit: UNIT_LABELS.points };
    case 'ms':
      return { unit: UNIT_LABELS.minutes, changeUnit: UNIT_LABELS.minutes };
    case 'score':
      return { unit: UNIT_LABELS.score, changeUnit: UNIT_LABELS.none };
    case 'nps':
      return { unit: UNIT_LABELS.none, changeUnit: UNIT_LABELS.none };
  }
}

export function formatFigure(unit: KpiUnit, value: number | null): string | null {
  if (value === null || !Number.isFinite(value)) return null;
  return String(scaled(unit, value));
}

export function formatChange(unit: KpiUnit, change: number | null): string | null {
  if (change === null || !Number.isFinite(change)) return null;
  const amount = scaled(unit, change);
  return amount > 0 ? `+${amount}` : String(amount);
}

export function kpiFigures(
  unit: KpiUnit,
  value: number | null,
  previous: number | null,
  change: number | null,
): ReportFigures {
  return {
    value: formatFigure(unit, value),
    previous: formatFigure(unit, previous),
    change: formatChange(unit, change),
    ...unitOf(unit),
  };
}
