import type { Locale } from '@flowdesk/model';

/** A share (0–1) as a whole percentage; null (no answers) reads as the "no data" text. */
export function formatShare(share: number | null, locale: Locale, noData: string): string {
  if (share === null) return noData;
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** A mean score with one decimal. */
export function formatMean(mean: number | null, locale: Locale, noData: string): string {
  if (mean === null) return noData;
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(mean);
}

/** NPS in whole points, signed: +20, −5, 0. */
export function formatNps(nps: number | null, locale: Locale, noData: string): string {
  if (nps === null) return noData;
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0, signDisplay: 'exceptZero' }).format(nps);
}

/** How wide a row's bar is, in percent of the track: the CSAT share, or NPS moved from −100…100 to 0…100. */
export function barWidth(summary: { satisfiedShare: number | null; nps: number | null }): number {
  if (summary.satisfiedShare !== null) return Math.round(summary.satisfiedShare * 100);
  if (summary.nps !== null) return Math.round((summary.nps + 100) / 2);
  return 0;
}
