import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/use-session.ts';
import { LanguageSelect } from '../i18n/language-select.tsx';
import { ApiKeysSection } from './api-keys-section.tsx';
import { AuditLogSection } from './audit-log-section.tsx';
import { ChannelsSection } from './channels-section.tsx';

export function SettingsPage() {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <>
      <h1>{t('nav.settings')}</h1>
      <section className="card" aria-labelledby="settings-language">
        <h2 id="settings-language">{t('settings.languageTitle')}</h2>
        <p className="muted">{t('settings.languageHelp')}</p>
        <LanguageSelect signedIn />
      </section>
      <ApiKeysSection />
      <ChannelsSection />
      {session.data?.role === 'admin' ? <AuditLogSection /> : null}
    </>
  );
}
