import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../shared/format.ts';
import type { TicketDetail } from '../desk-outputs.types.ts';
import { formatDuration, type SlaClock, slaClock } from './sla-countdown.ts';

/** First response and resolution clocks, counting down every second; paused while the customer is awaited. */
export function SlaPanel(props: { ticket: TicketDetail['ticket'] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const now = useNow(1000);
  const { ticket } = props;
  const firstResponse = slaClock(
    { dueAt: ticket.firstResponseDueAt, doneAt: ticket.firstRespondedAt, pausedAt: ticket.pausedAt },
    now,
  );
  const resolution = slaClock(
    { dueAt: ticket.resolutionDueAt, doneAt: ticket.resolvedAt, pausedAt: ticket.pausedAt },
    now,
  );
  const describe = (clock: SlaClock, doneKey: 'ticketPage.respondedAt' | 'ticketPage.resolvedAt') => {
    switch (clock.kind) {
      case 'none':
        return '—';
      case 'done':
        return t(doneKey, { time: formatDateTime(clock.at, locale) });
      case 'paused':
        return t('ticketPage.dueIn', { time: formatDuration(clock.leftMs) });
      case 'running':
        return t('ticketPage.dueIn', { time: formatDuration(clock.leftMs) });
      case 'overdue':
        return t('ticketPage.overdueBy', { time: formatDuration(clock.pastMs) });
    }
  };
  return (
    <section className="side-panel" aria-labelledby="sla-heading" data-testid="sla-panel">
      <h2 id="sla-heading">
        {t('ticketPage.sla')}{' '}
        <span className={`badge sla-${ticket.slaState}`}>{t(`inbox.sla.${ticket.slaState}`)}</span>
      </h2>
      {firstResponse.kind === 'none' && resolution.kind === 'none' ? (
        <p className="muted">{t('ticketPage.slaNone')}</p>
      ) : (
        <dl className="facts">
          <dt>{t('ticketPage.firstResponse')}</dt>
          <dd className={`sla-clock sla-clock-${firstResponse.kind}`}>
            {describe(firstResponse, 'ticketPage.respondedAt')}
          </dd>
          <dt>{t('ticketPage.resolution')}</dt>
          <dd className={`sla-clock sla-clock-${resolution.kind}`}>
            {describe(resolution, 'ticketPage.resolvedAt')}
          </dd>
        </dl>
      )}
      {ticket.pausedAt ? (
        <p className="notice">{t('ticketPage.paused', { time: formatDateTime(ticket.pausedAt, locale) })}</p>
      ) : null}
    </section>
  );
}

/** The current time, moving every `intervalMs`, for countdowns. */
function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
