import { Menu, X } from 'lucide-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { AccountControls } from './account-menu.tsx';
import { ApprovalsCount } from './approvals-count.tsx';
import { NavEntryLink } from './nav-entry-link.tsx';
import { groupsFor } from './nav-sections.ts';
import { useDisclosure } from './use-disclosure.ts';

/**
 * Below 1024 px (a phone, a tablet held upright): the bar is one short row —
 * brand, bell, this button — and the button opens a sheet with every entry the
 * role may use, grouped, then the language and the sign-out. Choosing a link,
 * Escape or going elsewhere closes it.
 */
export function CompactNav(props: {
  role: string;
  name: string;
  active: string | undefined;
  approvalsWaiting: number;
  onSignOut: () => void;
}) {
  const { t } = useTranslation();
  const menu = useDisclosure();
  const { pathname } = useLocation();
  const { close } = menu;

  // A link inside the sheet closes it itself; this covers being sent elsewhere (a notification, a redirect).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the address changes, which is the point
  useEffect(() => close(), [pathname, close]);

  return (
    <div className="compact-nav" ref={menu.rootRef}>
      <button
        ref={menu.buttonRef}
        type="button"
        className="icon-button compact-nav-button"
        aria-expanded={menu.open}
        aria-controls={menu.panelId}
        onClick={menu.toggle}
      >
        {menu.open ? <X size={20} aria-hidden="true" /> : <Menu size={20} aria-hidden="true" />}
        <span className="visually-hidden">{t('nav.menu')}</span>
        {menu.open ? null : <ApprovalsCount waiting={props.approvalsWaiting} />}
      </button>
      <div id={menu.panelId} className="compact-nav-sheet" hidden={!menu.open}>
        <nav aria-label={t('nav.label')}>
          {groupsFor(props.role).map((group) => (
            <div key={group.id} className="compact-nav-group">
              {group.id === 'settings' ? null : (
                <p className="compact-nav-heading" id={`${menu.panelId}-${group.id}`}>
                  {t(group.labelKey)}
                </p>
              )}
              <ul aria-labelledby={group.id === 'settings' ? undefined : `${menu.panelId}-${group.id}`}>
                {group.entries.map((entry) => (
                  <li key={entry.to}>
                    <NavEntryLink
                      entry={entry}
                      active={entry.to === props.active}
                      approvalsWaiting={props.approvalsWaiting}
                      onNavigate={() => close(true)}
                    />
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
        <AccountControls name={props.name} role={props.role} onSignOut={props.onSignOut} />
      </div>
    </div>
  );
}
