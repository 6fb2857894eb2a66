import { CHANNELS, type Channel, TICKET_STATUSES, type TicketStatus } from '@flowdesk/model';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { X } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { apiErrorMessage } from '../../api/api-error.ts';
import { useTRPC } from '../../api/trpc.ts';
import { useLocale } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../shared/format.ts';
import type { TicketCustomerProfile } from '../desk-outputs.types.ts';
import { RevealContactButton } from '../reveal-contact-button.tsx';
import { TICKET_POLL_MS } from './ticket-poll.ts';

/**
 * The customer profile (客户画像) beside a ticket: name, VIP level, tags (editable
 * by agents and admins), language, channels used, recent tickets and requests,
 * CSAT history. Contacts arrive masked; revealing one is a separate, audited action.
 */
export function CustomerProfilePanel(props: { ticketId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  // Polled like the timeline, so a survey answer or a merge shows without a reload.
  const profile = useQuery({
    ...trpc.tickets.customerProfile.queryOptions({ id: props.ticketId }),
    refetchInterval: TICKET_POLL_MS,
  });
  return (
    <section className="side-panel" aria-labelledby="customer-profile-heading" data-testid="customer-profile">
      <h2 id="customer-profile-heading">{t('ticketPage.customer')}</h2>
      {profile.error ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(profile.error, locale, t('common.failed'))}
        </p>
      ) : null}
      {profile.isPending ? <p role="status">{t('common.loading')}</p> : null}
      {profile.data === null ? <p className="muted">{t('ticketPage.noCustomer')}</p> : null}
      {profile.data ? <Profile profile={profile.data} ticketId={props.ticketId} /> : null}
    </section>
  );
}

function Profile({ profile, ticketId }: { profile: TicketCustomerProfile; ticketId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { customer } = profile;
  const channel = (value: string) => CHANNELS.labels[value as Channel]?.[locale] ?? value;
  return (
    <>
      <dl className="facts">
        <dt>{t('ticketPage.name')}</dt>
        <dd>{customer.name ?? t('ticketPage.unknown')}</dd>
        <dt>{t('ticketPage.vipLevel')}</dt>
        <dd>
          {customer.vipLevel > 0 ? (
            <span className="badge vip">{t('inbox.vip', { level: customer.vipLevel })}</span>
          ) : (
            t('ticketPage.regular')
          )}
        </dd>
        <dt>{t('ticketPage.contacts')}</dt>
        <dd data-testid="customer-contacts">
          {[customer.phone, customer.email, ...Object.values(customer.channelIds)]
            .filter(Boolean)
            .join(' · ') || '—'}
          {/* In the contacts' own cell, so the facts grid keeps its term/value pairs. */}
          <div>
            <RevealContactButton ticketId={ticketId} />
          </div>
        </dd>
        <dt>{t('ticketPage.language')}</dt>
        <dd>{customer.locale ?? t('ticketPage.unknown')}</dd>
        <dt>{t('ticketPage.channels')}</dt>
        <dd>{profile.channels.map(channel).join(', ') || '—'}</dd>
      </dl>
      <p className="muted">
        {t('ticketPage.requests', { count: customer.requestCount, complaints: customer.complaintCount })}
      </p>
      <CustomerTags
        customerId={customer.id}
        tags={customer.tags}
        canEdit={profile.canEdit}
        ticketId={ticketId}
      />
      <h3>{t('ticketPage.recentTickets')}</h3>
      <ul className="compact-list">
        {profile.recentTickets.map((ticket) => (
          <li key={ticket.id}>
            <Link to={`/tickets/${ticket.id}`}>{ticket.number}</Link> {ticket.title}{' '}
            <span className="muted">
              {TICKET_STATUSES.labels[ticket.status as TicketStatus]?.[locale] ?? ticket.status} ·{' '}
              {formatDateTime(ticket.createdAt, locale)}
            </span>
          </li>
        ))}
      </ul>
      {profile.recentRequests.length > 0 ? (
        <>
          <h3>{t('ticketPage.recentRequests')}</h3>
          <ul className="compact-list">
            {profile.recentRequests.map((request) => (
              <li key={request.executionId}>
                <Link to={`/executions/${request.executionId}`}>
                  {formatDateTime(request.startedAt, locale)}
                </Link>{' '}
                <span className="muted">{request.status}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>{t('ticketPage.csat')}</h3>
      {profile.csat.length === 0 ? (
        <p className="muted">{t('ticketPage.noCsat')}</p>
      ) : (
        <ul className="compact-list" data-testid="csat-history">
          {profile.csat.map((answer) => (
            <li key={`${answer.ticketId}-${answer.answeredAt}`}>
              <strong>
                {answer.kind.toUpperCase()} {answer.score}
              </strong>{' '}
              {answer.ticketNumber} {answer.comment ? `“${answer.comment}”` : ''}{' '}
              <span className="muted">{formatDateTime(answer.answeredAt, locale)}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Tags as removable chips and an add field; each change saves at once through customers.update. */
function CustomerTags(props: { customerId: string; tags: string[]; canEdit: boolean; ticketId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState('');
  const save = useMutation(
    trpc.customers.update.mutationOptions({
      onSuccess: () => {
        setDraft('');
        void queryClient.invalidateQueries({
          queryKey: trpc.tickets.customerProfile.queryKey({ id: props.ticketId }),
        });
      },
    }),
  );
  const setTags = (tags: string[]) => save.mutate({ id: props.customerId, tags });
  const add = (event: FormEvent) => {
    event.preventDefault();
    const tag = draft.trim();
    if (!tag || props.tags.includes(tag)) return;
    setTags([...props.tags, tag]);
  };
  return (
    <div className="customer-tags">
      <h3>{t('ticketPage.tags')}</h3>
      {props.tags.length === 0 ? <p className="muted">{t('ticketPage.noTags')}</p> : null}
      <ul className="chip-list" data-testid="customer-tags">
        {props.tags.map((tag) => (
          <li key={tag} className="chip">
            {tag}
            {props.canEdit ? (
              <button
                type="button"
                className="chip-remove"
                aria-label={t('ticketPage.removeTag', { tag })}
                disabled={save.isPending}
                onClick={() => setTags(props.tags.filter((other) => other !== tag))}
              >
                <X size={12} aria-hidden="true" />
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {props.canEdit ? (
        <form className="inline-form" onSubmit={add}>
          <label htmlFor="customer-tag-input" className="visually-hidden">
            {t('ticketPage.addTag')}
          </label>
          <input
            id="customer-tag-input"
            maxLength={50}
            placeholder={t('ticketPage.addTag')}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
          />
          <button type="submit" disabled={save.isPending || !draft.trim()}>
            {t('ticketPage.add')}
          </button>
        </form>
      ) : null}
      {save.error ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(save.error, locale, t('common.failed'))}
        </p>
      ) : null}
    </div>
  );
}
