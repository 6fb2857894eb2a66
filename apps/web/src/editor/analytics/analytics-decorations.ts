import type { EdgeAnalytics, StepAnalytics } from '../flow-canvas.ts';
import type { VersionOverlay } from './flow-analytics.types.ts';

/** Thinnest and thickest line, in canvas pixels: an unused line stays visible, the busiest stands out. */
export const MIN_EDGE_WIDTH = 1.5;
export const MAX_EDGE_WIDTH = 9;

/** The overlay's figures as canvas decorations: line widths by count against the busiest line, and step badges. */
export function analyticsDecorations(overlay: VersionOverlay): {
  stepAnalytics: ReadonlyMap<string, StepAnalytics>;
  edgeAnalytics: ReadonlyMap<string, EdgeAnalytics>;
} {
  const busiest = Math.max(0, ...overlay.edges.map((edge) => edge.count));
  const edgeAnalytics = new Map<string, EdgeAnalytics>(
    overlay.edges.map((edge) => [
      edge.edgeId,
      {
        count: edge.count,
        share: edge.share,
        width:
          busiest === 0
            ? MIN_EDGE_WIDTH
            : MIN_EDGE_WIDTH + ((MAX_EDGE_WIDTH - MIN_EDGE_WIDTH) * edge.count) / busiest,
      },
    ]),
  );
  const stepAnalytics = new Map<string, StepAnalytics>(
    overlay.steps.map((step) => [
      step.nodeId,
      {
        runs: step.runs,
        failures: step.failures,
        incidents: step.incidents,
        medianWaitSeconds: step.medianWaitSeconds,
        dropOff: step.dropOff ? step.dropOff.total : null,
      },
    ]),
  );
  return { stepAnalytics, edgeAnalytics };
}

/** A wait as people say it: 45 s, 12 min, 3.5 h, 2.1 d. */
export function waitDuration(seconds: number): {
  unit: 'seconds' | 'minutes' | 'hours' | 'days';
  amount: string;
} {
  const round = (value: number) =>
    value >= 10 ? String(Math.round(value)) : value.toFixed(1).replace(/\.0$/, '');
  if (seconds < 60) return { unit: 'seconds', amount: round(seconds) };
  if (seconds < 3600) return { unit: 'minutes', amount: round(seconds / 60) };
  if (seconds < 86_400) return { unit: 'hours', amount: round(seconds / 3600) };
  return { unit: 'days', amount: round(seconds / 86_400) };
}

/** A share as a whole percent in the reader's language ("40 %" reads "40%" in both; Intl decides). */
export function formatShare(share: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}
