import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../shared/format.ts';
import type { TicketDetail } from '../desk-outputs.types.ts';
import { formatDuration, type SlaClock, slaClock, slaClockTone } from './sla-countdown.ts';

/**
 * First response and resolution clocks, counting down every second; paused while the customer is awaited;
 * stopped for good once the ticket is resolved or closed, showing when each target was reached and how late.
 */
export function SlaPanel(props: { ticket: TicketDetail['ticket'] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const now = useNow(1000);
  const { ticket } = props;
  const finished = ticket.status === 'resolved' || ticket.status === 'closed';
  const firstResponse = slaClock(
    {
      dueAt: ticket.firstResponseDueAt,
      doneAt: ticket.firstRespondedAt,
      pausedAt: ticket.pausedAt,
      finished,
    },
    now,
  );
  const resolution = slaClock(
    { dueAt: ticket.resolutionDueAt, doneAt: ticket.resolvedAt, pausedAt: ticket.pausedAt, finished },
    now,
  );
  const describe = (clock: SlaClock, target: 'responded' | 'resolved') => {
    switch (clock.kind) {
      case 'none':
        return '—';
      case 'done': {
        const time = formatDateTime(clock.at, locale);
        if (clock.lateMs > 0) {
          const late = formatDuration(clock.lateMs);
          return target === 'responded'
            ? t('ticketPage.respondedLate', { time, late })
            : t('ticketPage.resolvedLate', { time, late });
        }
        return target === 'responded'
          ? t('ticketPage.respondedAt', { time })
          : t('ticketPage.resolvedAt', { time });
      }
      case 'stopped': {
        const time = formatDateTime(clock.at, locale);
        return clock.lateMs > 0
          ? t('ticketPage.stoppedLate', { time, late: formatDuration(clock.lateMs) })
          : t('ticketPage.stoppedAt', { time });
      }
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
          <dd className={`sla-clock sla-clock-${slaClockTone(firstResponse)}`}>
            {describe(firstResponse, 'responded')}
          </dd>
          <dt>{t('ticketPage.resolution')}</dt>
          <dd className={`sla-clock sla-clock-${slaClockTone(resolution)}`}>
            {describe(resolution, 'resolved')}
          </dd>
        </dl>
      )}
      {ticket.pausedAt && !finished ? (
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
