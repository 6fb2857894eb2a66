import { CHANNELS, type Channel, PRIORITIES, TICKET_STATUSES, type TicketStatus } from '@flowdesk/model';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { apiErrorMessage } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import { ticketLink } from '../desk/ticket-origin.ts';
import { useCategoryNames } from '../desk/use-category-names.ts';
import { useLocale } from '../i18n/i18n.ts';
import { formatDateTime } from '../shared/format.ts';
import { SurveysLink } from '../surveys/surveys-link.tsx';
import { EmptyState } from './empty-state.tsx';

const PAGE_SIZE = 50;
/** "Open" is every status before resolved: what a supervisor usually wants to see. */
const OPEN: TicketStatus[] = TICKET_STATUSES.values.filter(
  (status) => status !== 'resolved' && status !== 'closed',
);

interface Filters {
  status: 'open' | 'all' | TicketStatus;
  team: string;
  search: string;
}

/** The applied filters and page live in the address, so a ticket's back link returns to the same list. */
function readAddress(params: URLSearchParams): { filters: Filters; offset: number } {
  const status = params.get('status');
  const known = status === 'all' || TICKET_STATUSES.values.some((value) => value === status);
  const offset = Number(params.get('offset'));
  return {
    filters: {
      status: known ? (status as Filters['status']) : 'open',
      team: (params.get('team') ?? '').slice(0, 200),
      search: (params.get('search') ?? '').slice(0, 200),
    },
    offset: Number.isSafeInteger(offset) && offset > 0 ? offset : 0,
  };
}

function addressOf(filters: Filters, offset: number): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status !== 'open') params.set('status', filters.status);
  if (filters.team) params.set('team', filters.team);
  if (filters.search.trim()) params.set('search', filters.search.trim());
  if (offset > 0) params.set('offset', String(offset));
  return params;
}

/** The tickets the flows created, newest first: filter, search and page through them, and open one. */
export function TicketsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const [params, setParams] = useSearchParams();
  const { filters, offset } = readAddress(params);
  const [draft, setDraft] = useState<Filters>(filters);
  const show = (next: Filters, nextOffset: number) => setParams(addressOf(next, nextOffset));
  const listSearch = params.size > 0 ? `?${params.toString()}` : '';
  const teams = useQuery(trpc.teams.list.queryOptions());
  const categories = useCategoryNames();
  const statuses = filters.status === 'all' ? undefined : filters.status === 'open' ? OPEN : [filters.status];
  const tickets = useQuery({
    ...trpc.tickets.list.queryOptions({
      ...(statuses ? { status: statuses } : {}),
      ...(filters.team ? { team: filters.team } : {}),
      ...(filters.search.trim() ? { search: filters.search.trim() } : {}),
      offset,
      limit: PAGE_SIZE,
    }),
    placeholderData: keepPreviousData,
  });
  const teamName = (id: string | null) => {
    if (!id) return '—';
    return teams.data?.find((team) => team.id === id)?.name[locale] ?? id;
  };
  const apply = (event: FormEvent) => {
    event.preventDefault();
    show(draft, 0);
  };
  const page = tickets.data;

  return (
    <>
      <div className="page-header">
        <h1>{t('nav.tickets')}</h1>
        <SurveysLink />
      </div>
      <form className="filters" onSubmit={apply} aria-label={t('tickets.filters')}>
        <label htmlFor="ticket-status">{t('tickets.status')}</label>
        <select
          id="ticket-status"
          value={draft.status}
          onChange={(event) => setDraft({ ...draft, status: event.target.value as Filters['status'] })}
        >
          <option value="open">{t('tickets.open')}</option>
          <option value="all">{t('tickets.all')}</option>
          {TICKET_STATUSES.values.map((status) => (
            <option key={status} value={status}>
              {TICKET_STATUSES.labels[status][locale]}
            </option>
          ))}
        </select>
        <label htmlFor="ticket-team">{t('tickets.team')}</label>
        <select
          id="ticket-team"
          value={draft.team}
          onChange={(event) => setDraft({ ...draft, team: event.target.value })}
        >
          <option value="">{t('tickets.anyTeam')}</option>
          {(teams.data ?? []).map((team) => (
            <option key={team.id} value={team.id}>
              {team.name[locale]}
            </option>
          ))}
        </select>
        <label htmlFor="ticket-search">{t('tickets.search')}</label>
        <input
          id="ticket-search"
          value={draft.search}
          maxLength={200}
          placeholder={t('tickets.searchPlaceholder')}
          onChange={(event) => setDraft({ ...draft, search: event.target.value })}
        />
        <button type="submit">{t('tickets.apply')}</button>
      </form>
      {tickets.error ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(tickets.error, locale, t('common.failed'))}
        </p>
      ) : null}
      {tickets.isPending ? <p role="status">{t('common.loading')}</p> : null}
      {page && page.items.length === 0 ? (
        <EmptyState title={t('tickets.emptyTitle')}>
          <p>{t('tickets.emptyBody')}</p>
        </EmptyState>
      ) : null}
      {page && page.items.length > 0 ? (
        <>
          <table className="data-table">
            <caption className="visually-hidden">{t('nav.tickets')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('tickets.number')}</th>
                <th scope="col">{t('tickets.title')}</th>
                <th scope="col">{t('tickets.status')}</th>
                <th scope="col">{t('tickets.priority')}</th>
                <th scope="col">{t('tickets.category')}</th>
                <th scope="col">{t('tickets.team')}</th>
                <th scope="col">{t('tickets.channel')}</th>
                <th scope="col">{t('tickets.created')}</th>
                <th scope="col">{t('tickets.due')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((ticket) => (
                <tr key={ticket.id} data-testid="ticket-row">
                  <td>
                    <Link {...ticketLink(ticket.id, 'tickets', listSearch)}>{ticket.number}</Link>
                  </td>
                  <td>{ticket.title}</td>
                  <td>{TICKET_STATUSES.labels[ticket.status][locale]}</td>
                  <td>{PRIORITIES.labels[ticket.priority][locale]}</td>
                  <td>{ticket.category ? categories.nameOf(ticket.category) : '—'}</td>
                  <td>{teamName(ticket.team)}</td>
                  <td>{CHANNELS.labels[ticket.channel as Channel]?.[locale] ?? ticket.channel}</td>
                  <td>{formatDateTime(ticket.createdAt, locale)}</td>
                  <td>{ticket.resolutionDueAt ? formatDateTime(ticket.resolutionDueAt, locale) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="button-row">
            <button
              type="button"
              disabled={offset === 0}
              onClick={() => show(filters, Math.max(0, offset - PAGE_SIZE))}
            >
              {t('tickets.previous')}
            </button>
            <span role="status">
              {t('tickets.range', {
                from: page.offset + 1,
                to: page.offset + page.items.length,
                total: page.truncated ? `${page.total}+` : page.total,
              })}
            </span>
            <button
              type="button"
              disabled={page.offset + page.items.length >= page.total}
              onClick={() => show(filters, offset + PAGE_SIZE)}
            >
              {t('tickets.next')}
            </button>
          </div>
        </>
      ) : null}
    </>
  );
}
