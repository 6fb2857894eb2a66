import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { isUnauthorized } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import { useSession } from '../auth/use-session.ts';
import { isTicketPage, ticketOrigin } from '../desk/ticket-origin.ts';
import { rememberLocale } from '../i18n/i18n.ts';
import { ForcedPasswordChange } from '../people/forced-password-change.tsx';
import { AccountMenu } from './account-menu.tsx';
import { useApprovalsWaiting } from './approvals-count.tsx';
import { CompactNav } from './compact-nav.tsx';
import { activeEntry } from './nav-sections.ts';
import { NotificationBell } from './notification-bell.tsx';
import { useMediaQuery } from './use-media-query.ts';
import { WideNav } from './wide-nav.tsx';
import './top-bar.css';

/**
 * Below this width the navigation folds into one menu button. The widest row
 * (an admin's, in English, with a long name in the account button) takes about
 * 900 of 1024 px, so narrower windows would wrap it, and a wrapped bar costs a
 * phone a fifth of its height.
 */
const COMPACT_QUERY = '(max-width: 1023.98px)';

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
  const compact = useMediaQuery(COMPACT_QUERY);
  const approvalsWaiting = useApprovalsWaiting(
    session.data?.role ?? '',
    session.data !== undefined && !session.data.mustChangePassword,
  );

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
  const active = activeEntry(location.pathname, ticketSection);
  const { role, name } = session.data;
  const signOut = () => logout.mutate();

  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <header className={compact ? 'top-bar top-bar-compact' : 'top-bar'}>
        <span className="brand">FlowDesk</span>
        {compact ? null : <WideNav role={role} active={active} approvalsWaiting={approvalsWaiting} />}
        <div className="top-bar-end">
          {session.data.mustChangePassword ? null : <NotificationBell />}
          {compact ? (
            <CompactNav
              role={role}
              name={name}
              active={active}
              approvalsWaiting={approvalsWaiting}
              onSignOut={signOut}
            />
          ) : (
            <AccountMenu name={name} role={role} onSignOut={signOut} />
          )}
        </div>
      </header>
      <main id="main" className="page">
        {session.data.mustChangePassword ? <ForcedPasswordChange /> : <Outlet />}
      </main>
    </div>
  );
}
