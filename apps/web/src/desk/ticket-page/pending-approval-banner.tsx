import { useQuery } from '@tanstack/react-query';
import { ClipboardCheck } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useTRPC } from '../../api/trpc.ts';
import { ApprovalCard } from '../approval-card.tsx';

/**
 * A flow on this ticket waits for a person to approve or reject: the request
 * with its facts, and Approve / Reject for those who may decide (the same
 * card as the approval queue). Nothing shows for roles that do not work
 * tickets, whom `approvals.forTicket` refuses.
 */
export function PendingApprovalBanner({ ticketId, onDecided }: { ticketId: string; onDecided: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const headingId = useId();
  const [decided, setDecided] = useState(false);
  const pending = useQuery({
    ...trpc.approvals.forTicket.queryOptions({ ticketId }),
    retry: false,
    refetchInterval: 15_000,
  });
  const items = pending.data ?? [];
  if (items.length === 0) {
    return decided ? (
      <p role="status" className="notice">
        {t('approvals.decided')}
      </p>
    ) : null;
  }
  return (
    <section className="approval-banner" aria-labelledby={headingId} data-testid="pending-approval-banner">
      <h2 id={headingId}>
        <ClipboardCheck size={18} aria-hidden="true" />
        {t('ticketPage.approvalWaiting', { count: items.length })}
      </h2>
      {items.map((item) => (
        <ApprovalCard
          key={item.id}
          item={item}
          onTicketPage
          onDecided={() => {
            setDecided(true);
            onDecided();
          }}
        />
      ))}
      <p className="small">
        <Link to="/approvals">{t('ticketPage.allApprovals')}</Link>
      </p>
    </section>
  );
}
