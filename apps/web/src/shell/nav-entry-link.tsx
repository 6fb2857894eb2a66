import {
  BarChart3,
  BookOpen,
  ClipboardCheck,
  Gauge,
  Inbox,
  LayoutDashboard,
  LayoutTemplate,
  ListChecks,
  type LucideIcon,
  Settings,
  Smile,
  Ticket,
  Workflow,
} from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApprovalsCount } from './approvals-count.tsx';
import type { NavEntry } from './nav-sections.ts';

const ICONS: Record<string, LucideIcon> = {
  '/inbox': Inbox,
  '/tickets': Ticket,
  '/approvals': ClipboardCheck,
  '/dashboard': LayoutDashboard,
  '/supervisor': Gauge,
  '/surveys': Smile,
  '/flows': Workflow,
  '/templates': LayoutTemplate,
  '/executions': ListChecks,
  '/knowledge': BookOpen,
  '/settings': Settings,
};

/**
 * One section's link. The shell says which section is active (a ticket page
 * belongs to the list it was opened from, see desk/ticket-origin.ts), so the
 * link is marked by that, not by its own address match.
 */
export function NavEntryLink({
  entry,
  active,
  approvalsWaiting,
  withIcon = true,
  onNavigate,
}: {
  entry: NavEntry;
  active: boolean;
  approvalsWaiting: number;
  withIcon?: boolean;
  onNavigate?: () => void;
}) {
  const { t } = useTranslation();
  const Icon = ICONS[entry.to] ?? BarChart3;
  return (
    <Link
      to={entry.to}
      className={active ? 'active' : undefined}
      aria-current={active ? 'page' : undefined}
      onClick={onNavigate}
    >
      {withIcon ? <Icon size={16} aria-hidden="true" /> : null}
      {t(entry.labelKey)}
      {entry.to === '/approvals' ? <ApprovalsCount waiting={approvalsWaiting} /> : null}
    </Link>
  );
}
