import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useTRPC } from '../api/trpc.ts';
import { EmptyState } from '../pages/empty-state.tsx';
import { ApprovalCard } from './approval-card.tsx';
import { inboxParams } from './inbox/inbox-address.ts';
import { EMPTY_FILTERS } from './inbox/inbox-filters.tsx';

/**
 * The approval queue: flow steps waiting for a person to approve or reject,
 * each with the question and the facts the flow gathered. Deciding resumes
 * the waiting execution on the server; the queue then drops the request.
 */
export function ApprovalsPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const approvals = useQuery({ ...trpc.approvals.list.queryOptions(), refetchInterval: 15_000 });
  const [decided, setDecided] = useState(false);

  return (
    <div className="approvals-page">
      <h1>{t('nav.approvals')}</h1>
      <p className="muted">{t('approvals.intro')}</p>
      <PendingConfirmationLink />
      <p role="status" className="approvals-status">
        {decided ? t('approvals.decided') : ''}
      </p>
      {approvals.isPending ? (
        <p className="loading" role="status">
          {t('common.loading')}
        </p>
      ) : approvals.error ? (
        <p role="alert" className="error-text">
          {t('common.failed')}
        </p>
      ) : approvals.data.length === 0 ? (
        <EmptyState title={t('approvals.empty')} />
      ) : (
        <ul className="approval-list">
          {approvals.data.map((item) => (
            <li key={item.id}>
              <ApprovalCard item={item} onDecided={() => setDecided(true)} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * The other list of things waiting for a person: tickets whose category a
 * person must confirm (the inbox's pending-confirmation queue), with its count.
 */
function PendingConfirmationLink() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queue = useQuery({
    ...trpc.inbox.queues.queryOptions({ queue: 'pending_confirmation', limit: 1 }),
    refetchInterval: 30_000,
  });
  const count = queue.data?.counts.pending_confirmation;
  return (
    <p className="related-queue">
      <Link
        to={`/inbox?${inboxParams('pending_confirmation', EMPTY_FILTERS).toString()}`}
        data-testid="pending-confirmation-link"
      >
        {count === undefined
          ? t('approvals.pendingConfirmationLink')
          : t('approvals.pendingConfirmationCount', { count })}
      </Link>
    </p>
  );
}
