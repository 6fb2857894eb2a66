import { CHANNELS, type Locale, type LocalizedText, TICKET_STATUSES } from '@flowdesk/model';
import { useQuery } from '@tanstack/react-query';
import { X } from 'lucide-react';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { apiErrorMessage } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import { ticketLink } from '../desk/ticket-origin.ts';
import { useLocale } from '../i18n/i18n.ts';
import { formatDateTime } from '../shared/format.ts';
import type { AnalyticsInput, DrillDownTarget } from './dashboard-filters.ts';
import { AUTO_REFRESH } from './dashboard-refresh.ts';
import { isTileKpi, kpiLabelKey } from './kpi-labels.ts';

const label = (labels: Record<string, LocalizedText | undefined>, value: string, locale: 'zh-CN' | 'en') =>
  labels[value]?.[locale] ?? value;

const isMidnight = (date: Date) =>
  date.getHours() === 0 && date.getMinutes() === 0 && date.getSeconds() === 0;

/** Whole days as days, the end included ("Nov 29 – Dec 5, 2026"); a series hour with its times. */
function formatRange(range: { from: string; to: string }, locale: Locale): string {
  const from = new Date(range.from);
  const to = new Date(range.to);
  if (!isMidnight(from) || !isMidnight(to))
    return `${formatDateTime(range.from, locale)} – ${formatDateTime(range.to, locale)}`;
  const lastDay = new Date(to.getTime() - 1);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).formatRange(from, lastDay);
}

/**
 * The tickets behind a number (analytics.drillDown): the KPI's population over
 * the filters, narrowed to a chart's bar or bucket; "counted" marks those in
 * its numerator. Each links to its ticket page, whose back link returns here.
 */
export function DrillDownPanel({
  input,
  target,
  onClose,
}: {
  input: AnalyticsInput;
  target: DrillDownTarget;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const { search } = useLocation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const kpi = isTileKpi(target.kpi) ? target.kpi : 'volume';
  const range = target.bucket ?? { from: input.from, to: input.to };
  const drill = useQuery({
    ...trpc.analytics.drillDown.queryOptions({
      ...input,
      ...range,
      kpi,
      ...(target.group ? { group: target.group } : {}),
      limit: 200,
    }),
    ...AUTO_REFRESH,
    retry: false,
  });
  const targetKey = JSON.stringify(target);
  // Opening a drill-down moves the reader to it (keyboard and screen reader alike).
  useEffect(() => {
    if (targetKey) headingRef.current?.focus();
  }, [targetKey]);

  const data = drill.data;
  const statuses = TICKET_STATUSES.labels as Record<string, LocalizedText | undefined>;
  const channels = CHANNELS.labels as Record<string, LocalizedText | undefined>;
  return (
    <section className="drill-down" aria-labelledby={headingId} data-testid="drill-down">
      <div className="drill-down-head">
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>
          {t('dashboard.drillTitle', { kpi: t(kpiLabelKey(kpi)) })}
        </h2>
        <button type="button" onClick={onClose}>
          <X size={16} aria-hidden="true" />
          {t('dashboard.drillClose')}
        </button>
      </div>
      <p className="muted small">
        {formatRange(range, locale)}
        {target.group
          ? ` · ${t(`dashboard.by.${target.group.by}`)}: ${target.group.value ?? t(`dashboard.none.${target.group.by}`)}`
          : ''}
      </p>
      {drill.error ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(drill.error, locale, t('common.failed'))}
        </p>
      ) : null}
      {drill.isPending ? (
        <p className="loading" role="status">
          {t('common.loading')}
        </p>
      ) : null}
      {data ? (
        data.tickets.length === 0 ? (
          <p className="muted">{t('dashboard.drillEmpty')}</p>
        ) : (
          <>
            <p data-testid="drill-total">
              {t('dashboard.drillTotal', { shown: data.tickets.length, count: data.total })}
            </p>
            <div className="table-scroll">
              <table className="data-table drill-table stack-on-phone">
                <caption className="visually-hidden">
                  {t('dashboard.drillTitle', { kpi: t(kpiLabelKey(kpi)) })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('dashboard.colTicket')}</th>
                    <th scope="col">{t('dashboard.colChannel')}</th>
                    <th scope="col">{t('dashboard.colStatus')}</th>
                    <th scope="col">{t('dashboard.colCreated')}</th>
                    <th scope="col">{t('dashboard.colCounted')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.tickets.map((ticket) => (
                    <tr key={ticket.id} data-testid="drill-ticket">
                      <th scope="row">
                        <Link {...ticketLink(ticket.id, 'dashboard', search)}>{ticket.number}</Link>
                        {ticket.title ? <span className="drill-title">{ticket.title}</span> : null}
                      </th>
                      <td data-label={t('dashboard.colChannel')}>
                        {label(channels, ticket.channel, locale)}
                      </td>
                      <td data-label={t('dashboard.colStatus')}>{label(statuses, ticket.status, locale)}</td>
                      <td data-label={t('dashboard.colCreated')}>
                        {formatDateTime(ticket.createdAt, locale)}
                      </td>
                      <td data-label={t('dashboard.colCounted')}>
                        {t(ticket.counted ? 'dashboard.counted' : 'dashboard.notCounted')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )
      ) : null}
    </section>
  );
}
