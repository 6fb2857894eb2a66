import { useTranslation } from 'react-i18next';
import type { WhatIfPoint } from './what-if.types.ts';

const WIDTH = 202;
const HEIGHT = 80;
const x = (threshold: number) => 1 + threshold * (WIDTH - 2);
const y = (share: number) => HEIGHT - share * HEIGHT;

/** Runs of consecutive thresholds that have a precision, as polyline point lists. */
function precisionRuns(points: readonly WhatIfPoint[]): string[] {
  const runs: string[][] = [];
  let current: string[] = [];
  for (const point of points) {
    if (point.precision === null) {
      if (current.length > 0) runs.push(current);
      current = [];
      continue;
    }
    current.push(`${x(point.threshold).toFixed(1)},${y(point.precision).toFixed(1)}`);
  }
  if (current.length > 0) runs.push(current);
  return runs.map((run) => run.join(' '));
}

/**
 * A plain SVG of every threshold: bars for the share handed to people, a line
 * for the estimated precision (gaps where there is not enough data), the
 * current threshold dashed and the slider's value solid. The figures are in
 * text beside it, so the picture only summarises.
 */
export function WhatIfChart(props: { points: readonly WhatIfPoint[]; current: number; value: number }) {
  const { t } = useTranslation();
  return (
    <figure className="what-if-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={t('whatIf.chartLabel')}
      >
        {props.points.map((point) => (
          <rect
            key={point.threshold}
            className="what-if-bar"
            x={x(point.threshold) - 0.9}
            y={y(point.handedOffShare)}
            width={1.8}
            height={point.handedOffShare * HEIGHT}
          />
        ))}
        {precisionRuns(props.points).map((run) => (
          <polyline key={run} className="what-if-precision" points={run} />
        ))}
        <line className="what-if-current" x1={x(props.current)} x2={x(props.current)} y1={0} y2={HEIGHT} />
        <line className="what-if-value" x1={x(props.value)} x2={x(props.value)} y1={0} y2={HEIGHT} />
      </svg>
      <figcaption className="what-if-legend">
        <span className="what-if-key what-if-key-bar">{t('whatIf.legendHandedOff')}</span>
        <span className="what-if-key what-if-key-precision">{t('whatIf.legendPrecision')}</span>
        <span className="what-if-key what-if-key-current">{t('whatIf.legendCurrent')}</span>
      </figcaption>
    </figure>
  );
}
