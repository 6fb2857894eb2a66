import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../../api/api-error.ts';
import { useTRPC } from '../../api/trpc.ts';
import { useSession } from '../../auth/use-session.ts';
import { useLocale } from '../../i18n/i18n.ts';
import type { WhatIfAnswer } from './what-if.types.ts';
import { WhatIfChart } from './what-if-chart.tsx';
import './what-if.css';

const SIZES = [100, 500, 1000, 5000] as const;
const toHundredth = (value: number) => Math.round(Math.min(1, Math.max(0, value)) * 100) / 100;

/**
 * A Classify step's "What if…": a slider over the confidence threshold that
 * shows, for the value picked, what the live version's past requests say it
 * would do (share handed to people, estimated precision of the rest, hand-offs
 * per day), and writes the value into the step on request (a draft edit,
 * undoable like any other).
 */
export function ThresholdWhatIf(props: {
  flowId: string;
  nodeId: string;
  /** The step's threshold in the draft. */
  threshold: number;
  onUse: (threshold: number) => void;
  readOnly?: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [last, setLast] = useState<number>(500);
  const [value, setValue] = useState(() => toHundredth(props.threshold));
  const trpc = useTRPC();
  const answer = useQuery({
    ...trpc.thresholdWhatIf.compute.queryOptions({ flowId: props.flowId, nodeId: props.nodeId, last }),
    enabled: open,
    retry: false,
  });
  // The server answers flow editors only: others are not offered the button.
  const role = useSession().data?.role;
  if (role !== 'admin' && role !== 'editor') return null;
  const toggle = () => {
    if (!open) setValue(toHundredth(props.threshold));
    setOpen(!open);
  };
  return (
    <section className="what-if" aria-labelledby={`${id}-title`}>
      <button type="button" aria-expanded={open} aria-controls={`${id}-panel`} onClick={toggle}>
        {t('whatIf.open')}
      </button>
      {open ? (
        <div id={`${id}-panel`} className="what-if-panel">
          <h3 id={`${id}-title`}>{t('whatIf.title')}</h3>
          <p className="help">{t('whatIf.help')}</p>
          <label className="what-if-field">
            {t('whatIf.which')}
            <select value={last} onChange={(event) => setLast(Number(event.target.value))}>
              {SIZES.map((size) => (
                <option key={size} value={size}>
                  {t('whatIf.lastN', { count: size })}
                </option>
              ))}
            </select>
          </label>
          {answer.isPending ? <p className="muted">{t('whatIf.loading')}</p> : null}
          {answer.error ? (
            <p className="error" role="alert">
              {apiErrorMessage(answer.error, locale, t('whatIf.failed'))}
            </p>
          ) : null}
          {answer.data ? (
            <WhatIfFigures
              id={id}
              data={answer.data}
              current={props.threshold}
              value={value}
              onValue={setValue}
              onUse={props.readOnly ? undefined : () => props.onUse(value)}
            />
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function WhatIfFigures(props: {
  id: string;
  data: WhatIfAnswer;
  current: number;
  value: number;
  onValue: (value: number) => void;
  onUse: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data, value } = props;
  const point = data.points[Math.round(value * 100)];
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const day = (iso: string) => new Date(iso).toLocaleDateString(locale);
  const threshold = value.toFixed(2);
  return (
    <>
      <p className="muted small">
        {t('whatIf.coverage', {
          cases: data.cases,
          version: data.version,
          from: day(data.from),
          to: day(data.to),
          days: decimal.format(data.periodDays),
          checked: data.checked,
          corrected: data.corrected,
          confirmed: data.confirmed,
        })}
      </p>
      {data.pruned > 0 ? (
        <p className="muted small" data-testid="what-if-pruned">
          {t('whatIf.pruned', { count: data.pruned })}
        </p>
      ) : null}
      <div className="what-if-slider">
        <label htmlFor={`${props.id}-slider`}>{t('whatIf.slider')}</label>
        <input
          id={`${props.id}-slider`}
          type="range"
          min={0}
          max={1}
          step={0.01}
          value={value}
          aria-valuetext={threshold}
          onChange={(event) => props.onValue(toHundredth(Number(event.target.value)))}
        />
        <output htmlFor={`${props.id}-slider`} data-testid="what-if-value">
          {threshold}
        </output>
      </div>
      <p className="muted small">{t('whatIf.current', { value: props.current.toFixed(2) })}</p>
      {point ? (
        <dl className="what-if-figures" aria-live="polite">
          <dt>{t('whatIf.handedOff')}</dt>
          <dd data-testid="what-if-handed-off">
            {t('whatIf.handedOffValue', {
              share: percent.format(point.handedOffShare),
              count: point.handedOff,
              total: data.cases,
            })}
          </dd>
          <dt>{t('whatIf.precision')}</dt>
          <dd data-testid="what-if-precision">
            {point.precision === null
              ? t('whatIf.notEnoughData', { evidence: point.evidence, min: data.minEvidence })
              : t('whatIf.precisionValue', {
                  precision: percent.format(point.precision),
                  evidence: point.evidence,
                })}
          </dd>
          <dt>{t('whatIf.workload')}</dt>
          <dd data-testid="what-if-workload">
            {t('whatIf.workloadValue', { perDay: decimal.format(point.handedOffPerDay) })}
          </dd>
        </dl>
      ) : null}
      <WhatIfChart points={data.points} current={props.current} value={value} />
      {props.onUse ? (
        <button
          type="button"
          className="primary"
          disabled={toHundredth(props.current) === value}
          onClick={props.onUse}
        >
          {t('whatIf.use')}
        </button>
      ) : null}
    </>
  );
}
