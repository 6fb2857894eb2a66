import { ChevronDown } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { ApprovalsCount } from './approvals-count.tsx';
import { NavEntryLink } from './nav-entry-link.tsx';
import { type NavGroup, navLayout } from './nav-sections.ts';
import { useDisclosure } from './use-disclosure.ts';

interface NavState {
  /** The address of the highlighted entry (nav-sections.ts activeEntry). */
  readonly active: string | undefined;
  readonly approvalsWaiting: number;
}

/**
 * The top bar's navigation from 1024 px up: one row. The role's home group and
 * small groups are links of their own; the other groups are buttons that show
 * their links below (navLayout decides). A row rather than a left rail: the
 * flow editor's canvas keeps the window's full width, and the bar is one line
 * high, lower than the two rows it replaces.
 */
export function WideNav({ role, active, approvalsWaiting }: { role: string } & NavState) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('nav.label')} className="main-nav">
      <ul className="main-nav-row">
        {navLayout(role).map((item) =>
          item.kind === 'link' ? (
            <li key={item.entry.to}>
              <NavEntryLink
                entry={item.entry}
                active={item.entry.to === active}
                approvalsWaiting={approvalsWaiting}
                withIcon={false}
              />
            </li>
          ) : (
            <li key={item.group.id}>
              <NavGroupMenu group={item.group} active={active} approvalsWaiting={approvalsWaiting} />
            </li>
          ),
        )}
      </ul>
    </nav>
  );
}

/** A group folded into a button (the disclosure pattern: Tab walks its links, Escape closes). */
function NavGroupMenu({ group, active, approvalsWaiting }: { group: NavGroup } & NavState) {
  const { t } = useTranslation();
  const menu = useDisclosure();
  const holdsActive = group.entries.some((entry) => entry.to === active);
  const holdsApprovals = group.entries.some((entry) => entry.to === '/approvals');
  return (
    <div className="nav-menu" ref={menu.rootRef}>
      <button
        ref={menu.buttonRef}
        type="button"
        className={holdsActive ? 'nav-menu-button active' : 'nav-menu-button'}
        aria-expanded={menu.open}
        aria-controls={menu.panelId}
        onClick={menu.toggle}
      >
        {t(group.labelKey)}
        {holdsApprovals ? <ApprovalsCount waiting={approvalsWaiting} /> : null}
        <ChevronDown size={14} aria-hidden="true" className="nav-chevron" />
      </button>
      <ul id={menu.panelId} className="nav-menu-panel" hidden={!menu.open}>
        {group.entries.map((entry) => (
          <li key={entry.to}>
            <NavEntryLink
              entry={entry}
              active={entry.to === active}
              approvalsWaiting={approvalsWaiting}
              onNavigate={() => menu.close(true)}
            />
          </li>
        ))}
      </ul>
    </div>
  );
}
