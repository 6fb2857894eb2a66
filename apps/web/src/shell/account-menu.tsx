import { ChevronDown, LogOut, UserRound } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { LanguageSelect } from '../i18n/language-select.tsx';
import { useDisclosure } from './use-disclosure.ts';

/** Who is signed in, their language and the sign-out: what the top bar's end holds, also inside the phone menu. */
export function AccountControls({
  name,
  role,
  onSignOut,
}: {
  name: string;
  role: string;
  onSignOut: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="account-controls">
      <p className="account-who">
        <strong>{name}</strong>
        <span className="muted small">{t(`roles.${role}`, { defaultValue: role })}</span>
      </p>
      <LanguageSelect signedIn />
      <button type="button" onClick={onSignOut}>
        <LogOut size={16} aria-hidden="true" />
        {t('nav.signOut')}
      </button>
    </div>
  );
}

/** From 1024 px up: the person's name as a button that shows their language and the sign-out. */
export function AccountMenu(props: { name: string; role: string; onSignOut: () => void }) {
  const { t } = useTranslation();
  const menu = useDisclosure();
  return (
    <div className="nav-menu account-menu" ref={menu.rootRef}>
      <button
        ref={menu.buttonRef}
        type="button"
        className="nav-menu-button account-button"
        aria-expanded={menu.open}
        aria-controls={menu.panelId}
        onClick={menu.toggle}
      >
        <UserRound size={16} aria-hidden="true" />
        <span className="account-name">{props.name}</span>
        <span className="visually-hidden">{t('nav.accountMenu')}</span>
        <ChevronDown size={14} aria-hidden="true" className="nav-chevron" />
      </button>
      <div id={menu.panelId} className="nav-menu-panel account-panel" hidden={!menu.open}>
        <AccountControls {...props} />
      </div>
    </div>
  );
}
