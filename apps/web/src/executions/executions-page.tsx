import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import { useLocale } from '../i18n/i18n.ts';
import { EmptyState } from '../pages/empty-state.tsx';
import { TimeRangeFields } from '../shared/time-range-fields.tsx';
import { type Filters, NO_FILTERS, queryOf } from './execution-list-query.ts';
import { ExecutionListTable } from './execution-list-table.tsx';
import { EXECUTION_STATUS_VALUES, type ExecutionStatusValue } from './execution-status.ts';

export function ExecutionsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const flows = useQuery(trpc.flows.list.queryOptions());
  const executions = useQuery(trpc.executions.list.queryOptions(queryOf(filters)));
  const set = (patch: Partial<Filters>) => setFilters((current) => ({ ...current, ...patch }));

  return (
    <>
      <h1>{t('nav.executions')}</h1>
      <fieldset className="filters">
        <legend>{t('executions.filters')}</legend>
        <label>
          {t('executions.search')}
          <input
            className="search-input"
            type="search"
            value={filters.search}
            maxLength={200}
            placeholder={t('executions.searchPlaceholder')}
            onChange={(event) => set({ search: event.target.value })}
          />
        </label>
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
        <ExecutionListTable executions={executions.data.items} />
      ) : null}
    </>
  );
}
