import { CHANNELS, type Channel, PRIORITIES, TICKET_STATUSES } from '@flowdesk/model';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ArrowLeft } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { apiErrorMessage } from '../../api/api-error.ts';
import { useTRPC } from '../../api/trpc.ts';
import { useSession } from '../../auth/use-session.ts';
import { useLocale } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../shared/format.ts';
import { TicketWorkPanel } from '../ticket-actions/ticket-work-panel.tsx';
import { ticketOrigin } from '../ticket-origin.ts';
import { CustomerProfilePanel } from './customer-profile-panel.tsx';
import { FlowExplanationPanel } from './flow-explanation-panel.tsx';
import { PendingApprovalBanner } from './pending-approval-banner.tsx';
import { SlaPanel } from './sla-panel.tsx';
import { TICKET_POLL_MS } from './ticket-poll.ts';
import { TicketTimelineView } from './ticket-timeline-view.tsx';

/**
 * One ticket for the agent (issue 13, item 2): the timeline across channels,
 * why the flow handed it over, the SLA clocks, the customer profile and the
 * work panel. On a phone the panels stack under the timeline.
 */
export function TicketPage() {
  const { ticketId = '' } = useParams();
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<{ kind: 'done' | 'error'; text: string } | null>(null);
  const detail = useQuery({
    ...trpc.tickets.get.queryOptions({ id: ticketId }),
    refetchInterval: TICKET_POLL_MS,
  });
  const timeline = useQuery({
    ...trpc.tickets.timeline.queryOptions({ id: ticketId }),
    refetchInterval: TICKET_POLL_MS,
  });
  // Who the reader is as an agent; refused for roles that do not work tickets, which then get no buttons.
  const me = useQuery({ ...trpc.inbox.queues.queryOptions({ queue: 'mine', limit: 1 }), retry: false });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.tickets.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.inbox.pathKey() });
  };
  const failed = (error: unknown) =>
    setNotice({ kind: 'error', text: apiErrorMessage(error, locale, t('common.failed')) });
  const claim = useMutation(
    trpc.tickets.claim.mutationOptions({
      onSuccess: (ticket) => setNotice({ kind: 'done', text: t('inbox.claimed', { number: ticket.number }) }),
      onError: failed,
      onSettled: refresh,
    }),
  );
  const release = useMutation(
    trpc.inbox.release.mutationOptions({
      onSuccess: (ticket) =>
        setNotice({ kind: 'done', text: t('inbox.released', { number: ticket.number }) }),
      onError: failed,
      onSettled: refresh,
    }),
  );

  if (detail.error) {
    return (
      <>
        <BackLink />
        <p role="alert" className="error-text">
          {apiErrorMessage(detail.error, locale, t('common.failed'))}
        </p>
      </>
    );
  }
  if (!detail.data) return <p role="status">{t('ticketPage.loading')}</p>;
  const { ticket } = detail.data;
  const agentId = me.data?.agentId ?? null;
  const mine = agentId !== null && ticket.assignee === agentId;
  const finished = ticket.status === 'resolved' || ticket.status === 'closed';

  return (
    <div className="ticket-page">
      <BackLink />
      <header className="ticket-header">
        <h1>
          <span className="ticket-number">{ticket.number}</span> {ticket.title}
        </h1>
        <div className="inbox-item-meta">
          <span className={`badge status-${ticket.status}`}>
            {TICKET_STATUSES.labels[ticket.status][locale]}
          </span>
          <span className={`badge priority-${ticket.priority}`}>
            {PRIORITIES.labels[ticket.priority][locale]}
          </span>
          <span>{CHANNELS.labels[ticket.channel as Channel]?.[locale] ?? ticket.channel}</span>
          <span>
            {t('ticketPage.created')}: {formatDateTime(ticket.createdAt, locale)}
          </span>
        </div>
        {agentId !== null && !finished ? (
          <div className="button-row">
            {mine ? (
              <button
                type="button"
                disabled={release.isPending}
                onClick={() => release.mutate({ id: ticket.id })}
              >
                {t('inbox.release')}
              </button>
            ) : (
              <button
                type="button"
                disabled={claim.isPending}
                onClick={() => claim.mutate({ id: ticket.id })}
              >
                {t('inbox.claim')}
              </button>
            )}
          </div>
        ) : null}
        {notice ? (
          <p
            role={notice.kind === 'error' ? 'alert' : 'status'}
            className={notice.kind === 'error' ? 'error-text' : 'notice'}
          >
            {notice.text}
          </p>
        ) : null}
      </header>
      <PendingApprovalBanner ticketId={ticket.id} onDecided={refresh} />
      <div className="ticket-layout">
        <section className="ticket-main" aria-labelledby="ticket-timeline-heading">
          <h2 id="ticket-timeline-heading">{t('ticketPage.timeline')}</h2>
          {timeline.error ? (
            <p role="alert" className="error-text">
              {apiErrorMessage(timeline.error, locale, t('common.failed'))}
            </p>
          ) : null}
          {timeline.data ? (
            <TicketTimelineView timeline={timeline.data} />
          ) : (
            <p role="status">{t('common.loading')}</p>
          )}
          {agentId !== null ? <TicketWorkPanel ticketId={ticket.id} onChanged={refresh} /> : null}
        </section>
        <aside className="ticket-side">
          <FlowExplanationPanel ticketId={ticket.id} />
          <SlaPanel ticket={ticket} />
          <CustomerProfilePanel ticketId={ticket.id} />
        </aside>
      </div>
    </div>
  );
}

const BACK_KEYS = {
  inbox: 'ticketPage.back',
  tickets: 'ticketPage.backToTickets',
  approvals: 'ticketPage.backToApprovals',
  surveys: 'ticketPage.backToSurveys',
  supervisor: 'ticketPage.backToSupervisor',
  dashboard: 'ticketPage.backToDashboard',
} as const;

/** Back to the list the ticket was opened from, as it was left (queue, filters); else the reader's usual list. */
function BackLink() {
  const { t } = useTranslation();
  const role = useSession().data?.role;
  const from = ticketOrigin(useLocation().state, role);
  return (
    <Link to={`/${from.section}${from.search}`} className="back-link">
      <ArrowLeft size={16} aria-hidden="true" />
      {t(BACK_KEYS[from.section])}
    </Link>
  );
}

export default TicketPage;
