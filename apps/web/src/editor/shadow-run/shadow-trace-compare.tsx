import type { Locale, LocalizedText } from '@flowdesk/model';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../shared/format.ts';
import { valueText } from './shadow-report-text.ts';
import type { ShadowTrace, TraceSide } from './shadow-run.types.ts';

/** Stable keys for a list that may repeat a node: its id and which repetition this is. */
function keyed<T>(items: readonly T[], idOf: (item: T) => string): { key: string; item: T }[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const id = idOf(item);
    const count = (seen.get(id) ?? 0) + 1;
    seen.set(id, count);
    return { key: `${id}#${count}`, item };
  });
}

/** One past request as the live version handled it and as the draft would: path, effects and outcome side by side. */
export function ShadowTraceCompare(props: {
  trace: ShadowTrace;
  teamNames: Readonly<Record<string, LocalizedText>>;
  nodeLabel: (nodeId: string) => string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <section className="shadow-trace" aria-labelledby={`trace-${props.trace.executionId}`}>
      <div className="shadow-trace-head">
        <h4 id={`trace-${props.trace.executionId}`}>
          {t('shadow.traceTitle', { when: formatDateTime(props.trace.startedAt, locale) })}
        </h4>
        <button type="button" onClick={props.onClose}>
          {t('common.close')}
        </button>
      </div>
      <div className="shadow-trace-sides">
        <TraceColumn
          title={t('shadow.live')}
          side={props.trace.live}
          other={props.trace.draft}
          teamNames={props.teamNames}
          nodeLabel={props.nodeLabel}
          locale={locale}
        />
        <TraceColumn
          title={t('shadow.draft')}
          side={props.trace.draft}
          other={props.trace.live}
          teamNames={props.teamNames}
          nodeLabel={props.nodeLabel}
          locale={locale}
        />
      </div>
    </section>
  );
}

function TraceColumn(props: {
  title: string;
  side: TraceSide;
  other: TraceSide;
  teamNames: Readonly<Record<string, LocalizedText>>;
  nodeLabel: (nodeId: string) => string;
  locale: Locale;
}) {
  const { t } = useTranslation();
  const { side } = props;
  const otherPath = new Set(props.other.path);
  const messages = Object.entries(side.messages);
  return (
    <div className="shadow-trace-side">
      <h5>{props.title}</h5>
      {side.status === 'not_started' ? <p className="muted">{t('shadow.value.notStarted')}</p> : null}
      <ol className="shadow-path">
        {keyed(side.steps, (step) => step.nodeId).map(({ key, item: step }) => (
          <li key={key} className={otherPath.has(step.nodeId) ? undefined : 'shadow-path-different'}>
            {props.nodeLabel(step.nodeId)}
            {step.port ? <span className="muted"> → {step.port}</span> : null}
            {step.error ? <span className="error-text"> ({step.error})</span> : null}
          </li>
        ))}
      </ol>
      <dl className="shadow-facts">
        <dt>{t('shadow.facts.ticket')}</dt>
        <dd>
          {side.ticket
            ? [
                valueText('team', side.ticket.team ?? 'none', props.teamNames, props.locale, t),
                side.ticket.priority,
                side.ticket.category,
              ]
                .filter(Boolean)
                .join(' · ')
            : t('shadow.value.noTicket')}
        </dd>
        <dt>{t('shadow.facts.handling')}</dt>
        <dd>{t(`shadow.handling.${side.handling}`)}</dd>
        <dt>{t('shadow.facts.sla')}</dt>
        <dd>{side.slaPolicy ?? t('shadow.value.none')}</dd>
        <dt>{t('shadow.facts.messages')}</dt>
        <dd>
          {messages.length === 0
            ? t('shadow.value.none')
            : messages.map(([channel, count]) => `${channel} × ${count}`).join(', ')}
        </dd>
        {side.failures.length > 0 ? (
          <>
            <dt>{t('shadow.facts.failures')}</dt>
            <dd className="error-text">
              {side.failures
                .map((failure) => `${props.nodeLabel(failure.nodeId)}: ${failure.code}`)
                .join(', ')}
            </dd>
          </>
        ) : null}
        {side.recorded.length > 0 ? (
          <>
            <dt>{t('shadow.facts.recorded')}</dt>
            <dd>{side.recorded.map(props.nodeLabel).join(', ')}</dd>
          </>
        ) : null}
        {side.notSimulated.length > 0 ? (
          <>
            <dt>{t('shadow.facts.notSimulated')}</dt>
            <dd>{side.notSimulated.map(props.nodeLabel).join(', ')}</dd>
          </>
        ) : null}
      </dl>
      {side.effects.length > 0 ? (
        <ul className="shadow-effects">
          {keyed(side.effects, (effect) => effect.nodeId).map(({ key, item: effect }) => (
            <li key={key}>{effect.summary}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
