import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { apiErrorMessage } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import { useLocale } from '../i18n/i18n.ts';
import { EmptyState } from '../pages/empty-state.tsx';
import { formatDateTime } from '../shared/format.ts';
import { localTimeToIso, TimeRangeFields } from '../shared/time-range-fields.tsx';
import { EXECUTION_STATUS_VALUES, type ExecutionStatusValue } from './execution-status.ts';

interface Filters {
  flowId: string;
  version: string;
  status: ExecutionStatusValue | '';
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { flowId: '', version: '', status: '', from: '', to: '' };

function queryOf(filters: Filters) {
  const version = Number.parseInt(filters.version, 10);
  const startedAfter = localTimeToIso(filters.from);
  const startedBefore = localTimeToIso(filters.to);
  return {
    limit: 100,
    ...(filters.flowId ? { flowId: filters.flowId } : {}),
    ...(version > 0 ? { version } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(startedAfter ? { startedAfter } : {}),
    ...(startedBefore ? { startedBefore } : {}),
  };
}

export function ExecutionsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const flows = useQuery(trpc.flows.list.queryOptions());
  const executions = useQuery(trpc.executions.list.queryOptions(queryOf(filters)));
  const flowName = new Map(flows.data?.map((flow) => [flow.id, flow.name]));
  const set = (patch: Partial<Filters>) => setFilters((current) => ({ ...current, ...patch }));

  return (
    <>
      <h1>{t('nav.executions')}</h1>
      <fieldset className="filters">
        <legend>{t('executions.filters')}</legend>
        <label>
          {t('executions.flow')}
          <select value={filters.flowId} onChange={(event) => set({ flowId: event.target.value })}>
            <option value="">{t('executions.allFlows')}</option>
            {flows.data?.map((flow) => (
              <option key={flow.id} value={flow.id}>
                {flow.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('executions.version')}
          <input
            type="number"
            min={1}
            value={filters.version}
            onChange={(event) => set({ version: event.target.value })}
          />
        </label>
        <label>
          {t('executions.status')}
          <select
            value={filters.status}
            onChange={(event) => set({ status: event.target.value as ExecutionStatusValue | '' })}
          >
            <option value="">{t('executions.allStatuses')}</option>
            {EXECUTION_STATUS_VALUES.map((status) => (
              <option key={status} value={status}>
                {t(`executionStatus.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <TimeRangeFields
          labels={{ from: t('executions.from'), to: t('executions.to') }}
          value={filters}
          onChange={set}
        />
        <button type="button" onClick={() => setFilters(NO_FILTERS)}>
          {t('executions.clearFilters')}
        </button>
      </fieldset>
      {executions.error ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(executions.error, locale, t('common.failed'))}
        </p>
      ) : null}
      {executions.data?.items.length === 0 ? <EmptyState title={t('executions.empty')} /> : null}
      {executions.data && executions.data.items.length > 0 ? (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('executions.started')}</th>
              <th scope="col">{t('executions.flow')}</th>
              <th scope="col">{t('executions.version')}</th>
              <th scope="col">{t('executions.status')}</th>
              <th scope="col">{t('executions.finished')}</th>
            </tr>
          </thead>
          <tbody>
            {executions.data.items.map((execution) => (
              <tr key={execution.id}>
                <td>
                  <Link to={`/executions/${encodeURIComponent(execution.id)}`}>
                    {formatDateTime(execution.startedAt, locale)}
                  </Link>
                </td>
                <td>{flowName.get(execution.flowId) ?? execution.flowId}</td>
                <td>v{execution.version}</td>
                <td>
                  <span className={`status status-${execution.status}`}>
                    {t(`executionStatus.${execution.status}`)}
                  </span>
                </td>
                <td>{formatDateTime(execution.finishedAt, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
