import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../api/trpc.ts';

/** Who sees the approval queue; the server's policy (ROLES.ticketWorkers) decides, this only hides a dead count. */
const DECIDING_ROLES: readonly string[] = ['admin', 'supervisor', 'agent'];

/** How many approval requests wait for this user (0 for people who do not decide, or before the answer). */
export function useApprovalsWaiting(role: string, ready: boolean): number {
  const trpc = useTRPC();
  const allowed = DECIDING_ROLES.includes(role);
  const count = useQuery({
    ...trpc.approvals.count.queryOptions(),
    // Nothing but the password change answers while a temporary password is in use.
    enabled: allowed && ready,
    refetchInterval: 30_000,
  });
  return allowed ? (count.data ?? 0) : 0;
}

/**
 * The waiting count beside Approvals, and beside whatever holds it when it is
 * folded away (the Work menu, the phone's menu button): the number is seen,
 * the sentence is read.
 */
export function ApprovalsCount({ waiting }: { waiting: number }) {
  const { t } = useTranslation();
  if (waiting <= 0) return null;
  return (
    <span className="badge badge-warning nav-count">
      <span aria-hidden="true">{waiting > 99 ? '99+' : waiting}</span>
      <span className="visually-hidden">{t('nav.approvalsWaiting', { count: waiting })}</span>
    </span>
  );
}
