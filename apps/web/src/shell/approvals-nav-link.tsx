import { useQuery } from '@tanstack/react-query';
import { ClipboardCheck } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../api/trpc.ts';
import { SectionLink } from './section-link.tsx';

/** Who sees the approval queue; the server's policy (ROLES.ticketWorkers) decides, this only hides a dead link. */
const DECIDING_ROLES: readonly string[] = ['admin', 'supervisor', 'agent'];

/** The navigation entry of the approval queue, with how many requests wait for this user. */
export function ApprovalsNavLink({
  role,
  ready,
  highlighted,
}: {
  role: string;
  ready: boolean;
  /** Given on a page that says which section it belongs to (a ticket opened from the approvals). */
  highlighted?: boolean | undefined;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const allowed = DECIDING_ROLES.includes(role);
  const count = useQuery({
    ...trpc.approvals.count.queryOptions(),
    // Nothing but the password change answers while a temporary password is in use.
    enabled: allowed && ready,
    refetchInterval: 30_000,
  });
  if (!allowed) return null;
  const waiting = count.data ?? 0;
  return (
    <li>
      <SectionLink to="/approvals" highlighted={highlighted}>
        <ClipboardCheck size={16} aria-hidden="true" />
        {t('nav.approvals')}
        {waiting > 0 ? (
          <span className="badge badge-warning nav-count">
            <span aria-hidden="true">{waiting}</span>
            <span className="visually-hidden">{t('nav.approvalsWaiting', { count: waiting })}</span>
          </span>
        ) : null}
      </SectionLink>
    </li>
  );
}
