import { CHANNELS, isLocale, type LocalizedText } from '@flowdesk/model';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import { useLocale } from '../i18n/i18n.ts';
import { breakdownIndex, breakdownOption, bucketLabel, seriesOption } from './chart-options.ts';
import {
  type AnalyticsInput,
  BREAKDOWN_BY,
  type BreakdownBy,
  type DrillDownTarget,
  seriesBucket,
} from './dashboard-filters.ts';
import { AUTO_REFRESH } from './dashboard-refresh.ts';
import { formatKpiValue } from './kpi-format.ts';
import { kpiLabelKey, type TileKpi } from './kpi-labels.ts';

// ECharts (its core, two chart types, three components, the SVG renderer) loads with the first chart only.
const EChartView = lazy(() => import('./echart-view.tsx'));

/** The two charts under the tiles: one KPI over time and across groups, each also as a table. */
export function DashboardCharts({
  input,
  kpi,
  by,
  asTable,
  choices,
  onChange,
  onDrill,
}: {
  input: AnalyticsInput;
  kpi: TileKpi;
  by: BreakdownBy;
  /** Tables instead of charts (the text alternative), kept in the address like the rest. */
  asTable: boolean;
  /** The KPIs offered (the tiles'); the one shown stays offered even when the tiles change. */
  choices: readonly TileKpi[];
  onChange: (next: { kpi: TileKpi; by: BreakdownBy; asTable: boolean }) => void;
  onDrill: (target: DrillDownTarget) => void;
}) {
  const { t } = useTranslation();
  const ids = { kpi: useId(), by: useId() };
  return (
    <section className="dashboard-charts" aria-label={t('dashboard.charts')}>
      <div className="filters dashboard-chart-controls">
        <label htmlFor={ids.kpi}>
          {t('dashboard.chartKpi')}
          <select
            id={ids.kpi}
            value={kpi}
            onChange={(event) => onChange({ kpi: event.target.value as TileKpi, by, asTable })}
          >
            {(choices.includes(kpi) ? choices : [...choices, kpi]).map((id) => (
              <option key={id} value={id}>
                {t(kpiLabelKey(id))}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={ids.by}>
          {t('dashboard.breakdownBy')}
          <select
            id={ids.by}
            value={by}
            onChange={(event) => onChange({ kpi, by: event.target.value as BreakdownBy, asTable })}
          >
            {BREAKDOWN_BY.map((key) => (
              <option key={key} value={key}>
                {t(`dashboard.by.${key}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" aria-pressed={asTable} onClick={() => onChange({ kpi, by, asTable: !asTable })}>
          {t(asTable ? 'dashboard.showChart' : 'dashboard.showTable')}
        </button>
      </div>
      <div className="dashboard-chart-grid">
        <SeriesChart input={input} kpi={kpi} asTable={asTable} onDrill={onDrill} />
        <BreakdownChart input={input} kpi={kpi} by={by} asTable={asTable} onDrill={onDrill} />
      </div>
    </section>
  );
}

function ChartFrame({ title, children }: { title: string; children: React.ReactNode }) {
  const headingId = useId();
  return (
    <section className="dashboard-chart" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}

function QueryState({ error, pending }: { error: unknown; pending: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (error) {
    return (
      <p role="alert" className="error-text">
        {apiErrorMessage(error, locale, t('common.failed'))}
      </p>
    );
  }
  return pending ? (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  ) : null;
}

function ChartLoading() {
  const { t } = useTranslation();
  return (
    <p className="loading echart-box" role="status">
      {t('dashboard.loadingCharts')}
    </p>
  );
}

function SeriesChart({
  input,
  kpi,
  asTable,
  onDrill,
}: {
  input: AnalyticsInput;
  kpi: TileKpi;
  asTable: boolean;
  onDrill: (target: DrillDownTarget) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const bucket = seriesBucket(input);
  const series = useQuery({
    ...trpc.analytics.series.queryOptions({ ...input, kpi, bucket }),
    ...AUTO_REFRESH,
    placeholderData: keepPreviousData,
    retry: false,
  });
  const name = t(kpiLabelKey(kpi));
  const title = t('dashboard.seriesTitle', { kpi: name });
  const noData = t('dashboard.noData');
  const data = series.data;
  const drill = (index: number) => {
    const point = data?.points[index];
    if (point) onDrill({ kpi, bucket: { from: point.from, to: point.to } });
  };
  return (
    <ChartFrame title={title}>
      <QueryState error={series.error} pending={series.isPending} />
      {data && !series.error ? (
        asTable ? (
          <div className="table-scroll">
            <table className="data-table dashboard-table">
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.colPeriod')}</th>
                  <th scope="col">{name}</th>
                </tr>
              </thead>
              <tbody>
                {data.points.map((point, index) => (
                  <tr key={point.from}>
                    <th scope="row">{bucketLabel(point.from, data.bucket, locale, data.timezone)}</th>
                    <td>
                      <button type="button" className="link-button" onClick={() => drill(index)}>
                        {formatKpiValue(point.value, data.unit, locale, noData)}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <Suspense fallback={<ChartLoading />}>
            <EChartView
              locale={locale}
              label={t('dashboard.chartAlt', { title })}
              option={seriesOption({
                points: data.points,
                bucket: data.bucket,
                unit: data.unit,
                locale,
                noData,
                name,
                timeZone: data.timezone,
              })}
              onItemClick={drill}
            />
          </Suspense>
        )
      ) : null}
    </ChartFrame>
  );
}

function groupLabel(
  by: BreakdownBy,
  group: string | null,
  name: LocalizedText | null,
  locale: string,
  none: string,
): string {
  if (group === null) return none;
  const lang = isLocale(locale) ? locale : 'en';
  if (by === 'channel') {
    const labels = CHANNELS.labels as Record<string, LocalizedText | undefined>;
    return labels[group]?.[lang] ?? group;
  }
  return name?.[lang] ?? group;
}

function BreakdownChart({
  input,
  kpi,
  by,
  asTable,
  onDrill,
}: {
  input: AnalyticsInput;
  kpi: TileKpi;
  by: BreakdownBy;
  asTable: boolean;
  onDrill: (target: DrillDownTarget) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const breakdown = useQuery({
    ...trpc.analytics.breakdown.queryOptions({ ...input, kpi, by }),
    ...AUTO_REFRESH,
    placeholderData: keepPreviousData,
    retry: false,
  });
  const name = t(kpiLabelKey(kpi));
  const title = t('dashboard.breakdownTitle', { kpi: name, by: t(`dashboard.by.${by}`) });
  const noData = t('dashboard.noData');
  const data = breakdown.data;
  const rows = (data?.rows ?? []).map((row) => ({
    ...row,
    label: groupLabel(by, row.group, row.name, locale, t(`dashboard.none.${by}`)),
  }));
  const drill = (index: number) => {
    const row = rows[index];
    if (row) onDrill({ kpi, group: { by, value: row.group } });
  };
  return (
    <ChartFrame title={title}>
      <QueryState error={breakdown.error} pending={breakdown.isPending} />
      {data && !breakdown.error ? (
        rows.length === 0 ? (
          <p className="muted">{t('dashboard.noData')}</p>
        ) : asTable ? (
          <div className="table-scroll">
            <table className="data-table dashboard-table">
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(`dashboard.by.${by}`)}</th>
                  <th scope="col">{name}</th>
                  <th scope="col">{t('dashboard.colSample')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row, index) => (
                  <tr key={row.group ?? '~none'}>
                    <th scope="row">{row.label}</th>
                    <td>
                      <button type="button" className="link-button" onClick={() => drill(index)}>
                        {formatKpiValue(row.value, data.unit, locale, noData)}
                      </button>
                    </td>
                    <td>{row.sample}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <Suspense fallback={<ChartLoading />}>
            <EChartView
              locale={locale}
              label={t('dashboard.chartAlt', { title })}
              option={breakdownOption({ bars: rows, unit: data.unit, locale, noData, name })}
              onItemClick={(index) => drill(breakdownIndex(index, rows.length))}
            />
          </Suspense>
        )
      ) : null}
    </ChartFrame>
  );
}
