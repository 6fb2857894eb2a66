import { getNodeType } from '@flowdesk/model';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { apiErrorMessage } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import type { Selection } from '../editor/editor-store.ts';
import { portsOf } from '../editor/node-type-info.ts';
import { ReadOnlyFlowCanvas } from '../editor/read-only-flow-canvas.tsx';
import { useLocale } from '../i18n/i18n.ts';
import { formatDateTime } from '../shared/format.ts';
import { customerLine, executionFlowName } from './execution-list-table.tsx';
import { executionPath } from './execution-path.ts';
import { StepData } from './step-data.tsx';
import { stepErrorText } from './step-error-text.ts';

/** One execution: the version it ran on, drawn with its path highlighted, and the step log beside it. */
export default function ExecutionTracePage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const { executionId = '' } = useParams();
  const execution = useQuery(trpc.executions.get.queryOptions({ id: executionId }));
  const flowId = execution.data?.flowId ?? '';
  const versionNumber = execution.data?.version ?? 1;
  const version = useQuery(
    trpc.versions.get.queryOptions({ flowId, version: versionNumber }, { enabled: Boolean(execution.data) }),
  );
  const [selection, setSelection] = useState<Selection>({ nodes: [], edges: [] });
  const graph = version.data?.graph;
  const decorations = useMemo(
    () =>
      graph && execution.data
        ? executionPath(graph, execution.data.steps, execution.data.currentNodeId)
        : undefined,
    [graph, execution.data],
  );

  const error = execution.error ?? version.error;
  if (error) {
    return (
      <p role="alert" className="error-text">
        {apiErrorMessage(error, locale, t('common.failed'))}
      </p>
    );
  }
  if (!execution.data || !graph || !decorations) return <p role="status">{t('common.loading')}</p>;
  const data = execution.data;
  const nodeName = (nodeId: string) => {
    const node = graph.nodes.find((candidate) => candidate.id === nodeId);
    return node?.label || (node ? getNodeType(node.type)?.label[locale] : undefined) || nodeId;
  };
  const portName = (nodeId: string, port: string) => {
    const node = graph.nodes.find((candidate) => candidate.id === nodeId);
    return (
      (node
        ? portsOf(node.type, node.config).find((candidate) => candidate.id === port)?.label[locale]
        : undefined) ?? port
    );
  };

  return (
    <div className="trace-page">
      <div className="editor-toolbar">
        <Link to="/executions" className="muted">
          {t('nav.executions')}
        </Link>
        <h1 className="flow-name">
          {t('executions.flowVersion', {
            flow: executionFlowName(data, locale) ?? t('executions.deletedFlow'),
            version: data.version,
          })}
        </h1>
        <span className={`status status-${data.status}`} data-testid="execution-status">
          {t(`executionStatus.${data.status}`)}
        </span>
        <span className="muted small">{formatDateTime(data.startedAt, locale)}</span>
        <dl className="trace-facts" aria-label={t('executions.header')}>
          <div>
            <dt>{t('executions.ticket')}</dt>
            <dd data-testid="execution-ticket">{data.ticketNumber ?? t('executions.noCustomer')}</dd>
          </div>
          <div>
            <dt>{t('executions.customer')}</dt>
            <dd data-testid="execution-customer">
              {customerLine(data.customer) ?? t('executions.noCustomer')}
            </dd>
          </div>
        </dl>
        <Link to={`/flows/${encodeURIComponent(data.flowId)}`}>{t('executions.openFlow')}</Link>
      </div>
      <div className="trace-body">
        <div className="editor-center">
          <ReadOnlyFlowCanvas
            graph={graph}
            decorations={decorations}
            selection={selection}
            onSelect={setSelection}
          />
        </div>
        <aside className="side-panel step-log" aria-label={t('executions.stepLog')}>
          <h2>{t('executions.stepLog')}</h2>
          {data.stepsPruned ? (
            <p className="muted" role="note" data-testid="steps-pruned">
              {t('executions.stepsPruned', {
                days: data.stepsPruned.keptDays,
                date: formatDateTime(data.stepsPruned.at, locale),
              })}
            </p>
          ) : null}
          <ol>
            {data.steps.map((step) => (
              <li key={step.seq} className={step.error ? 'step step-failed' : 'step'}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => setSelection({ nodes: [step.nodeId], edges: [] })}
                >
                  {nodeName(step.nodeId)}
                </button>
                {step.port ? <span className="badge">→ {portName(step.nodeId, step.port)}</span> : null}
                <div className="muted small">{formatDateTime(step.finishedAt, locale)}</div>
                {step.error ? <p className="error-text">{stepErrorText(step.error, locale)}</p> : null}
                <details>
                  <summary>{t('executions.stepData')}</summary>
                  <StepData nodeType={step.nodeType} input={step.input} output={step.output} />
                </details>
              </li>
            ))}
          </ol>
        </aside>
      </div>
    </div>
  );
}
