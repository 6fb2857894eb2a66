import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { apiErrorMessage } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import { useSession } from '../auth/use-session.ts';
import { useLocale } from '../i18n/i18n.ts';
import { formatDateTime } from '../shared/format.ts';
import { DashboardAnomalies } from './dashboard-anomalies.tsx';
import { DashboardCharts } from './dashboard-charts.tsx';
import {
  BREAKDOWN_BY,
  type DrillDownTarget,
  queryInput,
  readDrillDown,
  readFilters,
  writeDrillDown,
  writeFilters,
} from './dashboard-filters.ts';
import { DashboardFiltersForm } from './dashboard-filters-form.tsx';
import { AUTO_REFRESH } from './dashboard-refresh.ts';
import { DrillDownPanel } from './drill-down-panel.tsx';
import type { KpiUnit } from './kpi-format.ts';
import { isTileKpi, tileKpis } from './kpi-labels.ts';
import { KpiTiles } from './kpi-tiles.tsx';
import { TargetsEditor } from './targets-editor.tsx';

/**
 * The managers' home (issue 14, item 2): the service KPIs over a period with
 * the change against the period before and the workspace's targets, a KPI
 * over time and across channels, categories, teams or agents, and the tickets
 * behind any number. Everything the manager picks lives in the address.
 */
export function DashboardPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const role = useSession().data?.role;
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params, new Date());
  const input = queryInput(filters);
  const drillTarget = readDrillDown(params);
  const askedKpi = params.get('kpi');
  const chartKpi = isTileKpi(askedKpi) ? askedKpi : 'volume';
  const askedBy = params.get('by');
  const by = BREAKDOWN_BY.find((key) => key === askedBy) ?? 'channel';

  const kpis = useQuery({
    ...trpc.analytics.kpis.queryOptions(input ?? { from: '', to: '' }, { enabled: input !== null }),
    ...AUTO_REFRESH,
    placeholderData: keepPreviousData,
    retry: false,
  });
  const units = useMemo(
    () => new Map<string, KpiUnit>((kpis.data?.kpis ?? []).map((kpi) => [kpi.id, kpi.unit])),
    [kpis.data],
  );

  const drill = (target: DrillDownTarget | null) =>
    setParams(writeDrillDown(params, target), { replace: target === null });
  const asTable = params.get('view') === 'table';
  const setChart = (next: { kpi: string; by: string; asTable: boolean }) => {
    const changed = new URLSearchParams(params);
    changed.set('kpi', next.kpi);
    changed.set('by', next.by);
    if (next.asTable) changed.set('view', 'table');
    else changed.delete('view');
    setParams(changed, { replace: true });
  };

  return (
    <div className="dashboard-page">
      <h1>{t('dashboard.title')}</h1>
      <p className="muted">{t('dashboard.intro')}</p>
      <p className="small">
        <Link to="/reports">{t('reports.open')}</Link>
      </p>
      <DashboardFiltersForm
        filters={filters}
        onChange={(next) => setParams(writeFilters(params, next), { replace: true })}
      />
      {kpis.data ? (
        <p className="muted small dashboard-as-of" data-testid="dashboard-as-of">
          {t('dashboard.asOf', { time: formatDateTime(kpis.data.computedAt, locale) })}
        </p>
      ) : null}
      {kpis.data && kpis.data.pendingChanges > 0 ? (
        <p className="muted small" data-testid="dashboard-pending">
          {t('dashboard.pendingChanges', { count: kpis.data.pendingChanges })}
        </p>
      ) : null}
      {kpis.error ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(kpis.error, locale, t('common.failed'))}
        </p>
      ) : null}
      {kpis.isPending && input ? (
        <p className="loading" role="status">
          {t('common.loading')}
        </p>
      ) : null}
      {kpis.data && !kpis.error ? (
        <KpiTiles
          kpis={kpis.data.kpis}
          shown={tileKpis(filters.businessHours)}
          onDrill={(kpi) => drill({ kpi })}
        />
      ) : null}
      {input && drillTarget ? (
        <DrillDownPanel input={input} target={drillTarget} onClose={() => drill(null)} />
      ) : null}
      <DashboardAnomalies />
      {input && !kpis.error ? (
        <DashboardCharts
          input={input}
          kpi={chartKpi}
          by={by}
          asTable={asTable}
          choices={tileKpis(filters.businessHours)}
          onChange={setChart}
          onDrill={drill}
        />
      ) : null}
      {role === 'admin' && units.size > 0 ? <TargetsEditor units={units} /> : null}
    </div>
  );
}

export default DashboardPage;
