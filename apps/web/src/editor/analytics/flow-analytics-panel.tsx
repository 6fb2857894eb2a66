import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../../api/api-error.ts';
import { useLocale } from '../../i18n/i18n.ts';
import { formatShare } from './analytics-decorations.ts';
import type { OutcomeFigures } from './flow-analytics.types.ts';
import type { FlowAnalyticsState } from './use-flow-analytics.ts';

type OutcomeRow = { key: string; label: string; value: (outcomes: OutcomeFigures) => string };

/** The overlay's side panel: range, version and "compare with", the outcomes of each, and the differences in sentences. */
export function FlowAnalyticsPanel({ state }: { state: FlowAnalyticsState }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { choice, change, versions } = state;
  const overlay = state.overlay.data?.overlay;
  const compared = state.compare?.data;
  const error = state.overlay.error ?? state.compare?.error;
  // Until the person picks days, the ones the server chose (its last 30 days); a change keeps both explicit.
  const shownDays = {
    from: choice.from ?? state.overlay.data?.from ?? '',
    to: choice.to ?? state.overlay.data?.to ?? '',
  };
  const counted = (count: number, share: number | null) =>
    share === null
      ? String(count)
      : t('flowAnalytics.countShare', { count, share: formatShare(share, locale) });
  const rows: OutcomeRow[] = [
    { key: 'started', label: t('flowAnalytics.started'), value: (o) => String(o.started) },
    {
      key: 'ticketsCreated',
      label: t('flowAnalytics.ticketsCreated'),
      value: (o) => String(o.ticketsCreated),
    },
    {
      key: 'handedOff',
      label: t('flowAnalytics.handedOff'),
      value: (o) => counted(o.handedOff, o.handOffShare),
    },
    {
      key: 'autoResolved',
      label: t('flowAnalytics.autoResolved'),
      value: (o) => counted(o.autoResolved, o.autoResolvedShare),
    },
    { key: 'failed', label: t('flowAnalytics.failed'), value: (o) => counted(o.failed, o.failedShare) },
    {
      key: 'csat',
      label: t('flowAnalytics.csat'),
      value: (o) =>
        o.csatMean === null
          ? t('flowAnalytics.noCsat')
          : t('flowAnalytics.csatValue', { mean: o.csatMean.toFixed(1), count: o.csatAnswers }),
    },
  ];
  const columns = compared ? [compared.a, compared.b] : overlay ? [overlay] : [];
  const comparison = compared?.comparison;
  return (
    <section className="flow-analytics-panel" aria-labelledby="flow-analytics-title">
      <h2 id="flow-analytics-title">{t('flowAnalytics.panel')}</h2>
      <p className="small muted">
        {t('flowAnalytics.about', {
          version: choice.version,
          // The server's zone; until its first answer, the one every workspace has today.
          timezone: state.overlay.data?.timezone ?? 'Asia/Shanghai',
        })}
      </p>
      <div className="flow-analytics-controls">
        <label>
          {t('flowAnalytics.version')}
          <select
            value={choice.version}
            onChange={(event) => change({ version: Number(event.target.value) })}
            data-testid="analytics-version"
          >
            {versions.map((version) => (
              <option key={version} value={version}>
                {t('flowAnalytics.versionName', { version })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('flowAnalytics.compareWith')}
          <select
            value={choice.compareWith ?? ''}
            onChange={(event) =>
              change({ compareWith: event.target.value === '' ? null : Number(event.target.value) })
            }
            data-testid="analytics-compare"
          >
            <option value="">{t('flowAnalytics.noCompare')}</option>
            {versions
              .filter((version) => version !== choice.version)
              .map((version) => (
                <option key={version} value={version}>
                  {t('flowAnalytics.versionName', { version })}
                </option>
              ))}
          </select>
        </label>
        <label>
          {t('flowAnalytics.from')}
          <input
            type="date"
            value={shownDays.from}
            onChange={(event) => change({ ...shownDays, from: event.target.value })}
          />
        </label>
        <label>
          {t('flowAnalytics.to')}
          <input
            type="date"
            value={shownDays.to}
            onChange={(event) => change({ ...shownDays, to: event.target.value })}
          />
        </label>
      </div>
      {error ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(error, locale, t('common.failed'))}
        </p>
      ) : null}
      {state.overlay.isPending ? <p role="status">{t('flowAnalytics.loading')}</p> : null}
      {overlay && overlay.outcomes.started === 0 ? (
        <p className="notice" role="status">
          {t('flowAnalytics.noExecutions', { version: overlay.version })}
        </p>
      ) : null}
      {comparison ? (
        <ul className="flow-analytics-sentences" data-testid="analytics-sentences">
          {[comparison.handOff, comparison.csat, comparison.failures, comparison.autoResolved].map(
            (entry) => (
              <li key={entry.sentence.en}>{entry.sentence[locale]}</li>
            ),
          )}
        </ul>
      ) : null}
      {columns.length > 0 ? (
        <table className="flow-analytics-outcomes" data-testid="analytics-outcomes">
          <caption>{t('flowAnalytics.outcomes')}</caption>
          <thead>
            <tr>
              <td />
              {columns.map((column) => (
                <th key={column.version} scope="col">
                  {t('flowAnalytics.versionName', { version: column.version })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} data-outcome={row.key}>
                <th scope="row">{row.label}</th>
                {columns.map((column) => (
                  <td key={column.version}>{row.value(column.outcomes)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
