import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { inferOutput } from '@trpc/tanstack-react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { apiErrorMessage } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import { useSession } from '../auth/use-session.ts';
import { useLocale } from '../i18n/i18n.ts';
import { formatDateTime } from '../shared/format.ts';
import { addDays, type ReportKind, type ReportSelection, selectionFrom } from './report-period.ts';
import { ReportScheduleForm } from './report-schedule-form.tsx';
import './reports.css';

type Report = inferOutput<ReturnType<typeof useTRPC>['reports']['get']>;
type Figures = Report['kpis'][number]['display'];

/** A figure with its unit as the server wrote it, so the page, the CSV and the email read the same. */
function figure(value: string | null, unit: string, noData: string): string {
  if (value === null) return noData;
  if (unit === '') return value;
  return unit === '%' ? `${value}%` : `${value} ${unit}`;
}

function downloadText(fileName: string, content: string): void {
  const blob = new Blob([content], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * Weekly and monthly reports (issue 14, item 4): every KPI with its change
 * against the period before, the top movers and the flow versions published,
 * with a CSV download and a print-friendly layout; admins set which reports
 * are emailed to whom below.
 */
export function ReportsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const role = useSession().data?.role ?? '';
  const [params, setParams] = useSearchParams();
  const selection = selectionFrom(params);
  const ids = { kind: useId(), date: useId() };
  const [csvError, setCsvError] = useState<string | null>(null);
  const report = useQuery({
    ...trpc.reports.get.queryOptions(selection),
    placeholderData: keepPreviousData,
    retry: false,
  });
  const select = (next: ReportSelection) =>
    setParams({ kind: next.kind, date: next.date }, { replace: true });
  const data = report.data;
  const noData = t('reports.noData');
  const cells = (display: Figures) => [
    figure(display.value, display.unit[locale], noData),
    figure(display.previous, display.unit[locale], noData),
    figure(display.change, display.changeUnit[locale], '—'),
  ];

  const downloadCsv = async () => {
    setCsvError(null);
    try {
      const csv = await queryClient.fetchQuery(trpc.reports.csv.queryOptions(selection));
      downloadText(csv.fileName, csv.content);
    } catch (error) {
      setCsvError(apiErrorMessage(error, locale, t('reports.loadFailed')));
    }
  };

  return (
    <div className="reports-page">
      <h1>{t('reports.title')}</h1>
      <p className="muted reports-no-print">{t('reports.intro')}</p>
      <form
        className="filters reports-controls reports-no-print"
        aria-label={t('reports.choosePeriod')}
        onSubmit={(event) => event.preventDefault()}
      >
        <label htmlFor={ids.kind}>
          {t('reports.kind')}
          <select
            id={ids.kind}
            value={selection.kind}
            onChange={(event) => select({ ...selection, kind: event.target.value as ReportKind })}
          >
            <option value="week">{t('reports.week')}</option>
            <option value="month">{t('reports.month')}</option>
          </select>
        </label>
        <label htmlFor={ids.date}>
          {t('reports.date')}
          <input
            id={ids.date}
            type="date"
            value={selection.date}
            onChange={(event) => event.target.value && select({ ...selection, date: event.target.value })}
          />
        </label>
        <div className="reports-buttons">
          <button
            type="button"
            disabled={!data}
            onClick={() => data && select({ ...selection, date: data.previous.firstDay })}
          >
            {t(selection.kind === 'week' ? 'reports.previousWeek' : 'reports.previousMonth')}
          </button>
          <button
            type="button"
            disabled={!data}
            onClick={() => data && select({ ...selection, date: addDays(data.period.lastDay, 1) })}
          >
            {t(selection.kind === 'week' ? 'reports.nextWeek' : 'reports.nextMonth')}
          </button>
          <button type="button" disabled={!data} onClick={downloadCsv}>
            {t('reports.downloadCsv')}
          </button>
          <button type="button" disabled={!data} onClick={() => window.print()}>
            {t('reports.print')}
          </button>
        </div>
      </form>
      {csvError ? (
        <p className="error-text" role="alert">
          {csvError}
        </p>
      ) : null}
      {report.isError ? (
        <p className="error-text" role="alert">
          {apiErrorMessage(report.error, locale, t('reports.loadFailed'))}
        </p>
      ) : null}
      {report.isPending ? (
        <p className="loading" role="status">
          {t('common.loading')}
        </p>
      ) : null}
      {data ? (
        <article className="report" aria-labelledby="report-title">
          <h2 id="report-title" data-testid="report-title">
            {data.title[locale]}
          </h2>
          <p className="muted" data-testid="report-period">
            {t('reports.periodLine', {
              first: data.period.firstDay,
              last: data.period.lastDay,
              previousFirst: data.previous.firstDay,
              previousLast: data.previous.lastDay,
              zone: data.timezone,
            })}
          </p>
          <section aria-labelledby="report-kpis">
            <h3 id="report-kpis">{t('reports.kpis')}</h3>
            <div className="table-wrap">
              <table className="report-table">
                <thead>
                  <tr>
                    <th scope="col">{t('reports.kpi')}</th>
                    <th scope="col">{t('reports.thisPeriod')}</th>
                    <th scope="col">{t('reports.previous')}</th>
                    <th scope="col">{t('reports.change')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.kpis.map((kpi) => (
                    <tr key={kpi.id} data-testid={`report-kpi-${kpi.id}`}>
                      <th scope="row">{kpi.label[locale]}</th>
                      {cells(kpi.display).map((cell, index) => (
                        <td key={['value', 'previous', 'change'][index]} className="num">
                          {cell}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section aria-labelledby="report-movers">
            <h3 id="report-movers">{t('reports.movers')}</h3>
            {data.movers.length === 0 ? (
              <p className="muted">{t('reports.noMovers')}</p>
            ) : (
              <ul className="report-movers" data-testid="report-movers">
                {data.movers.map((mover) => (
                  <li key={`${mover.metric}-${mover.dimension}-${mover.group ?? ''}`}>
                    {mover.sentence[locale]}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="report-versions">
            <h3 id="report-versions">{t('reports.versions')}</h3>
            {data.versions.length === 0 ? (
              <p className="muted">{t('reports.noVersions')}</p>
            ) : (
              <div className="table-wrap">
                <table className="report-table" data-testid="report-versions">
                  <thead>
                    <tr>
                      <th scope="col">{t('reports.flow')}</th>
                      <th scope="col">{t('reports.version')}</th>
                      <th scope="col">{t('reports.publishedAt')}</th>
                      <th scope="col">{t('reports.publishedBy')}</th>
                      <th scope="col">{t('reports.note')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.versions.map((version) => (
                      <tr key={`${version.flowId}-${version.version}`}>
                        <td>{version.flowName[locale]}</td>
                        <td className="num">v{version.version}</td>
                        <td>{formatDateTime(version.publishedAt, locale)}</td>
                        <td>{version.author.name}</td>
                        <td>{version.note}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <p className="muted small">
            {t('reports.computedAt', { time: formatDateTime(data.computedAt, locale) })}
          </p>
        </article>
      ) : null}
      {role === 'admin' ? <ReportScheduleForm /> : null}
    </div>
  );
}

export default ReportsPage;
