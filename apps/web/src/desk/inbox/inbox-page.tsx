import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { apiErrorMessage } from '../../api/api-error.ts';
import { useTRPC } from '../../api/trpc.ts';
import { useLocale } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../shared/format.ts';
import type { InboxItem, InboxQueue } from '../desk-outputs.types.ts';
import { ApprovalsWaitingLink } from './approvals-waiting-link.tsx';
import { INBOX_QUEUES, inboxParams, readInboxAddress } from './inbox-address.ts';
import { InboxFilters, type InboxFilterValues, queueInput } from './inbox-filters.tsx';
import { InboxList } from './inbox-list.tsx';
import { MyStatusToggle } from './my-status-toggle.tsx';

/**
 * The agents' home (issue 13, item 1): the queues with their counts, filters,
 * and the tickets of the chosen queue, each with Claim or Release. Live by
 * polling `inbox.queues` through tRPC every few seconds (a subscription would
 * need a second link and an event source the store does not have; polling
 * one cheap query is enough for a team's inbox).
 */

export const INBOX_POLL_MS = 4000;

type Notice = { kind: 'done' | 'error'; text: string } | null;

export function InboxPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Queue and filters are kept in the address, so the ticket page's back link returns to this very list.
  const [params, setParams] = useSearchParams();
  const { queue, filters } = readInboxAddress(params);
  const show = (nextQueue: InboxQueue, nextFilters: InboxFilterValues) =>
    setParams(inboxParams(nextQueue, nextFilters), { replace: true });
  const [notice, setNotice] = useState<Notice>(null);
  const inbox = useQuery({
    ...trpc.inbox.queues.queryOptions(queueInput(queue, filters)),
    placeholderData: keepPreviousData,
    refetchInterval: INBOX_POLL_MS,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.inbox.pathKey() });
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
  const data = inbox.data;

  return (
    <div className="inbox-page">
      <div className="inbox-heading">
        <h1>{t('inbox.title')}</h1>
        <span className="muted" role="status" title={t('inbox.live')}>
          {inbox.dataUpdatedAt
            ? t('inbox.updatedAt', {
                time: formatDateTime(new Date(inbox.dataUpdatedAt).toISOString(), locale),
              })
            : t('common.loading')}
        </span>
        <MyStatusToggle />
      </div>
      <nav aria-label={t('inbox.queues')} className="inbox-queues">
        <ul>
          {INBOX_QUEUES.map((id) => (
            <li key={id}>
              <button
                type="button"
                aria-pressed={queue === id}
                data-testid={`queue-${id}`}
                onClick={() => {
                  show(id, filters);
                  setNotice(null);
                }}
              >
                <span>{t(`inbox.queue.${id}`)}</span>
                <span className="count-badge">{data?.counts[id] ?? '–'}</span>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <ApprovalsWaitingLink />
      <InboxFilters value={filters} onChange={(next) => show(queue, next)} />
      {notice ? (
        <p
          role={notice.kind === 'error' ? 'alert' : 'status'}
          className={notice.kind === 'error' ? 'error-text' : 'notice'}
        >
          {notice.text}
        </p>
      ) : null}
      {inbox.error ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(inbox.error, locale, t('common.failed'))}
        </p>
      ) : null}
      {data ? (
        <InboxList
          items={data.items}
          listSearch={params.size > 0 ? `?${params.toString()}` : ''}
          agentId={data.agentId}
          busy={claim.isPending || release.isPending}
          onClaim={(item: InboxItem) => claim.mutate({ id: item.id })}
          onRelease={(item: InboxItem) => release.mutate({ id: item.id })}
        />
      ) : null}
    </div>
  );
}
