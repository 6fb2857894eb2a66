import type { Locale, LocalizedText } from '@flowdesk/model';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../i18n/i18n.ts';
import { flowDisplayName } from '../shared/flow-name.ts';
import { formatDateTime } from '../shared/format.ts';
import type { ExecutionStatusValue } from './execution-status.ts';

/** The customer as the server answers it: contacts arrive masked for roles that may not see them. */
export interface ExecutionRowCustomer {
  readonly name: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly channelId: string | null;
}

export interface ExecutionRow {
  readonly id: string;
  readonly flowId: string;
  readonly flowName: string | null;
  /** Both languages' names of a template's flow; the reader's is shown. */
  readonly flowLocalizedName?: LocalizedText | null;
  readonly version: number;
  readonly status: ExecutionStatusValue;
  readonly startedAt: string;
  readonly ticketNumber: string | null;
  readonly customer: ExecutionRowCustomer | null;
  readonly outcome: { readonly text: LocalizedText };
}

/** The flow's name in the reader's language when it has one; null when the flow was deleted. */
export function executionFlowName(
  execution: Pick<ExecutionRow, 'flowName' | 'flowLocalizedName'>,
  locale: Locale,
): string | null {
  if (execution.flowName === null) return null;
  return flowDisplayName(
    {
      name: execution.flowName,
      ...(execution.flowLocalizedName ? { localizedName: execution.flowLocalizedName } : {}),
    },
    locale,
  );
}

/** Who it was about, in one line: the name, then the first contact the execution knows. */
export function customerLine(customer: ExecutionRowCustomer | null): string | null {
  if (!customer) return null;
  const contact = customer.email ?? customer.phone ?? customer.channelId;
  return [customer.name, contact].filter(Boolean).join(' · ') || null;
}

/**
 * The executions list: when, which flow and version, the ticket and customer it
 * was about, and where it ended, waits or failed. The start time opens the trace.
 */
export function ExecutionListTable(props: { executions: readonly ExecutionRow[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <div className="table-scroll">
      <table className="data-table execution-list">
        <caption className="visually-hidden">{t('nav.executions')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('executions.started')}</th>
            <th scope="col">{t('executions.flow')}</th>
            <th scope="col">{t('executions.ticket')}</th>
            <th scope="col">{t('executions.customer')}</th>
            <th scope="col">{t('executions.status')}</th>
            <th scope="col">{t('executions.outcome')}</th>
          </tr>
        </thead>
        <tbody>
          {props.executions.map((execution) => {
            const flow = executionFlowName(execution, locale) ?? t('executions.deletedFlow');
            const started = formatDateTime(execution.startedAt, locale);
            return (
              <tr key={execution.id}>
                <td className="nowrap" data-label={t('executions.started')}>
                  <Link
                    to={`/executions/${encodeURIComponent(execution.id)}`}
                    aria-label={t('executions.open', { flow, started })}
                  >
                    {started}
                  </Link>
                </td>
                <td data-label={t('executions.flow')}>
                  <span>
                    {flow} <span className="muted small nowrap">v{execution.version}</span>
                  </span>
                </td>
                <td className="nowrap" data-label={t('executions.ticket')}>
                  {execution.ticketNumber ?? t('executions.noCustomer')}
                </td>
                <td data-label={t('executions.customer')}>
                  {customerLine(execution.customer) ?? t('executions.noCustomer')}
                </td>
                <td data-label={t('executions.status')}>
                  <span className={`status status-${execution.status}`}>
                    {t(`executionStatus.${execution.status}`)}
                  </span>
                </td>
                <td className="outcome" data-label={t('executions.outcome')}>
                  {execution.outcome.text[locale]}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
