import { useTranslation } from 'react-i18next';
import { LanguageSelect } from '../i18n/language-select.tsx';
import { ApiKeysSection } from './api-keys-section.tsx';
import { ChannelsSection } from './channels-section.tsx';

export function SettingsPage() {
  const { t } = useTranslation();
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
    </>
  );
}
