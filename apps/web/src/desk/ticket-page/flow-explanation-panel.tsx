import { getNodeType } from '@flowdesk/model';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { apiErrorMessage } from '../../api/api-error.ts';
import { useTRPC } from '../../api/trpc.ts';
import { useLocale } from '../../i18n/i18n.ts';
import type { FlowExplanation } from '../desk-outputs.types.ts';

/** Why the flow handed this ticket to a person, with the way to its execution trace. */
export function FlowExplanationPanel(props: { ticketId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const explanation = useQuery(trpc.tickets.explanation.queryOptions({ id: props.ticketId }));
  return (
    <section className="side-panel" aria-labelledby="flow-explanation-heading" data-testid="flow-explanation">
      <h2 id="flow-explanation-heading">{t('ticketPage.explanation')}</h2>
      {explanation.error ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(explanation.error, locale, t('common.failed'))}
        </p>
      ) : null}
      {explanation.isPending ? <p role="status">{t('common.loading')}</p> : null}
      {explanation.data === null ? <p className="muted">{t('ticketPage.explanationNone')}</p> : null}
      {explanation.data ? <Explanation explanation={explanation.data} /> : null}
    </section>
  );
}

function percent(value: number | null): string {
  return value === null ? '—' : `${Math.round(value * 100)}%`;
}

function Explanation({ explanation }: { explanation: FlowExplanation }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const stepName = (step: NonNullable<FlowExplanation['handover']>) =>
    step.label ?? getNodeType(step.nodeType)?.label[locale] ?? step.nodeType;
  const flowName = explanation.flowLocalizedName?.[locale] ?? explanation.flowName;
  const { classification, decidedBy, handover } = explanation;
  return (
    <>
      <dl className="facts">
        <dt>{t('ticketPage.flow')}</dt>
        <dd>
          <Link to={`/flows/${explanation.flowId}`}>
            {t('ticketPage.flowVersion', { name: flowName, version: explanation.version })}
          </Link>
        </dd>
        <dt>{t('ticketPage.classification')}</dt>
        <dd data-testid="classification">
          {classification?.category
            ? t('ticketPage.classified', {
                category: classification.categoryName?.[locale] ?? classification.category,
                confidence: percent(classification.confidence),
                threshold: percent(classification.threshold),
              })
            : t('ticketPage.unclassified')}
        </dd>
        {decidedBy ? (
          <>
            <dt>{t('ticketPage.decidedBy')}</dt>
            <dd>
              {decidedBy.port
                ? t('ticketPage.portTaken', {
                    step: stepName(decidedBy),
                    port: decidedBy.portLabel?.[locale] ?? decidedBy.port,
                  })
                : stepName(decidedBy)}
            </dd>
          </>
        ) : null}
        {handover ? (
          <>
            <dt>{t('ticketPage.handover')}</dt>
            <dd>{stepName(handover)}</dd>
          </>
        ) : null}
      </dl>
      <p>
        <Link to={`/executions/${explanation.executionId}`}>{t('ticketPage.openTrace')}</Link>
      </p>
      {explanation.otherExecutionIds.length > 0 ? (
        <>
          <h3>{t('ticketPage.otherExecutions')}</h3>
          <ul>
            {explanation.otherExecutionIds.map((id) => (
              <li key={id}>
                <Link to={`/executions/${id}`}>{id}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
