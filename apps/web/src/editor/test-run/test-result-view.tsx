import { type FlowGraph, getNodeType } from '@flowdesk/model';
import { useTranslation } from 'react-i18next';
import { EXECUTION_STATUS_VALUES } from '../../executions/execution-status.ts';
import { useLocale } from '../../i18n/i18n.ts';
import { portsOf } from '../node-type-info.ts';
import { shownEffect } from './effect-text.ts';
import type { TestRunEffect, TestRunResult, TestRunStep } from './test-run-result.ts';

/**
 * A test run's outcome: how it ended, the steps it took (a click selects the
 * node on the canvas and shows what went in and out), and what it would have sent.
 */
export function TestResultView(props: {
  result: TestRunResult;
  graph: FlowGraph;
  /** The step whose data is shown: the one clicked, else the selected node's last visit. */
  shownStep: TestRunStep | undefined;
  onPickStep: (step: TestRunStep) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { result, graph, shownStep } = props;
  const nodeName = (nodeId: string) => {
    const node = graph.nodes.find((candidate) => candidate.id === nodeId);
    return node?.label || (node ? getNodeType(node.type)?.label[locale] : undefined) || nodeId;
  };
  const portName = (nodeId: string, port: string) => {
    const node = graph.nodes.find((candidate) => candidate.id === nodeId);
    const ports = node ? portsOf(node.type, node.config) : [];
    return ports.find((candidate) => candidate.id === port)?.label[locale] ?? port;
  };
  const shown = (effect: TestRunEffect) => shownEffect(effect, locale);
  const known = (EXECUTION_STATUS_VALUES as readonly string[]).includes(result.status);

  return (
    <section className="test-result" aria-label={t('testRun.result')}>
      <p>
        {t('testRun.result')}:{' '}
        <span className={`status status-${result.status}`} data-testid="test-run-status">
          {known
            ? t(`executionStatus.${result.status}`)
            : result.notStarted
              ? t('testRun.notStartedStatus')
              : result.status}
        </span>
      </p>
      {result.notStarted ? (
        <p className="warning-text" data-testid="test-run-not-started">
          {t('testRun.notStarted')}
        </p>
      ) : null}
      <h3>{t('testRun.steps')}</h3>
      {result.steps.length === 0 ? <p className="muted">{t('testRun.noSteps')}</p> : null}
      <ol className="test-steps">
        {result.steps.map((step) => (
          <li key={step.seq} className={step.error ? 'step step-failed' : 'step'}>
            <button
              type="button"
              className="link-button"
              aria-pressed={shownStep?.seq === step.seq}
              onClick={() => props.onPickStep(step)}
            >
              {nodeName(step.nodeId)}
            </button>
            {step.port ? <span className="badge">→ {portName(step.nodeId, step.port)}</span> : null}
            {step.error ? <p className="error-text small">{step.error.message[locale]}</p> : null}
          </li>
        ))}
      </ol>
      {shownStep ? (
        <div className="step test-step-data" data-testid="test-step-data">
          <h4>{t('testRun.stepData', { name: nodeName(shownStep.nodeId) })}</h4>
          <div className="muted small">{t('testRun.input')}</div>
          <pre>{JSON.stringify(shownStep.input, null, 2)}</pre>
          <div className="muted small">{t('testRun.output')}</div>
          <pre>{JSON.stringify(shownStep.output, null, 2)}</pre>
        </div>
      ) : null}
      {result.incident ? (
        <details>
          <summary className="error-text">{t('testRun.incident')}</summary>
          <pre>{JSON.stringify(result.incident, null, 2)}</pre>
        </details>
      ) : null}
      <h3>{t('testRun.effects')}</h3>
      {result.effects.length === 0 ? (
        <p className="muted" data-testid="test-run-no-effects">
          {t('testRun.noEffects')}
        </p>
      ) : (
        <ul className="test-effects" aria-label={t('testRun.effects')}>
          {result.effects.map((effect, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced as a whole by each run
            <li key={index}>
              <span className="badge">{t(`testRun.effectKind.${effect.kind}`)}</span>{' '}
              <strong>{nodeName(effect.nodeId)}</strong>
              {shown(effect).channel ? (
                <span className="muted small" data-testid="test-effect-channel">
                  {' '}
                  · {shown(effect).channel}
                </span>
              ) : null}
              <div className="small effect-summary" data-testid="test-effect-text">
                {shown(effect).text}
              </div>
              {effect.missing?.length ? (
                <div className="small warning-text" data-testid="test-effect-missing">
                  {t('testRun.missingFields', { fields: effect.missing.join(', ') })}
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
