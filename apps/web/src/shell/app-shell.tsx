import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Inbox, LayoutTemplate, ListChecks, LogOut, Settings, Ticket, Workflow } from 'lucide-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { isUnauthorized } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import { useSession } from '../auth/use-session.ts';
import { isTicketPage, ticketOrigin } from '../desk/ticket-origin.ts';
import { rememberLocale } from '../i18n/i18n.ts';
import { LanguageSelect } from '../i18n/language-select.tsx';
import { KnowledgeNavLink } from '../knowledge/knowledge-nav-link.tsx';
import { ForcedPasswordChange } from '../people/forced-password-change.tsx';
import { ApprovalsNavLink } from './approvals-nav-link.tsx';
import { NotificationBell } from './notification-bell.tsx';
import { SectionLink } from './section-link.tsx';
import { SupervisorNavLink } from './supervisor-nav-link.tsx';

const NAV = [
  { to: '/flows', key: 'nav.flows', Icon: Workflow },
  { to: '/templates', key: 'nav.templates', Icon: LayoutTemplate },
  { to: '/executions', key: 'nav.executions', Icon: ListChecks },
  { to: '/inbox', key: 'nav.inbox', Icon: Inbox },
  { to: '/tickets', key: 'nav.tickets', Icon: Ticket },
  { to: '/settings', key: 'nav.settings', Icon: Settings },
] as const;

/** The frame around every signed-in page: navigation, language, sign-out. */
export function AppShell() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSuccess: () => {
        queryClient.clear();
        navigate('/login', { replace: true });
      },
    }),
  );
  const userLocale = session.data?.locale;

  // The profile's language follows the user from browser to browser.
  useEffect(() => {
    if (userLocale && userLocale !== i18n.language) {
      void i18n.changeLanguage(userLocale);
      rememberLocale(userLocale);
    }
  }, [userLocale, i18n]);

  if (session.isPending) {
    return (
      <p className="loading" role="status">
        {t('common.loading')}
      </p>
    );
  }
  if (session.error) {
    if (isUnauthorized(session.error)) return <Navigate to="/login" replace state={{ from: location }} />;
    return (
      <p role="alert" className="error-text">
        {t('common.serverUnreachable')}
      </p>
    );
  }

  // A ticket page belongs to the list it was opened from, not to Tickets by its address.
  const ticketSection = isTicketPage(location.pathname)
    ? `/${ticketOrigin(location.state, session.data.role).section}`
    : undefined;
  const highlighted = (to: string) => (ticketSection === undefined ? undefined : ticketSection === to);

  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <header className="top-bar">
        <span className="brand">FlowDesk</span>
        <nav aria-label={t('nav.label')}>
          <ul>
            {NAV.map(({ to, key, Icon }) => (
              <li key={to}>
                <SectionLink to={to} highlighted={highlighted(to)}>
                  <Icon size={16} aria-hidden="true" />
                  {t(key)}
                </SectionLink>
              </li>
            ))}
            <ApprovalsNavLink
              role={session.data.role}
              ready={!session.data.mustChangePassword}
              highlighted={highlighted('/approvals')}
            />
            <SupervisorNavLink role={session.data.role} highlighted={highlighted('/supervisor')} />
            <KnowledgeNavLink role={session.data.role} />
          </ul>
        </nav>
        <div className="top-bar-end">
          {session.data.mustChangePassword ? null : <NotificationBell />}
          <LanguageSelect signedIn />
          <span className="muted">{session.data.name}</span>
          <button type="button" onClick={() => logout.mutate()}>
            <LogOut size={16} aria-hidden="true" />
            {t('nav.signOut')}
          </button>
        </div>
      </header>
      <main id="main" className="page">
        {session.data.mustChangePassword ? <ForcedPasswordChange /> : <Outlet />}
      </main>
    </div>
  );
}
