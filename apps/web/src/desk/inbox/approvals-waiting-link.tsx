import { useQuery } from '@tanstack/react-query';
import { ClipboardCheck } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useTRPC } from '../../api/trpc.ts';

/**
 * The other list of things waiting for a person's decision: approval requests
 * of flow steps (the /approvals page), with how many wait for this user.
 */
export function ApprovalsWaitingLink() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const count = useQuery({ ...trpc.approvals.count.queryOptions(), retry: false, refetchInterval: 30_000 });
  if (count.data === undefined) return null;
  return (
    <Link to="/approvals" className="related-queue" data-testid="approvals-waiting-link">
      <ClipboardCheck size={16} aria-hidden="true" />
      {t('inbox.approvalsWaiting', { count: count.data })}
    </Link>
  );
}
