import { isLocale, LOCALES } from '@flowdesk/model';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from './i18n.ts';
import { useSwitchLocale } from './use-switch-locale.ts';

/** Language names are written in their own language, so anyone can find theirs. */
const LANGUAGE_NAMES = { 'zh-CN': '中文', en: 'English' } as const;

export function LanguageSelect({ signedIn }: { signedIn: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const switchLocale = useSwitchLocale(signedIn);
  const id = useId();
  return (
    <span className="language-select">
      <label htmlFor={id}>{t('common.language')}</label>
      <select
        id={id}
        value={locale}
        onChange={(event) => isLocale(event.target.value) && switchLocale(event.target.value)}
      >
        {LOCALES.map((value) => (
          <option key={value} value={value}>
            {LANGUAGE_NAMES[value]}
          </option>
        ))}
      </select>
    </span>
  );
}
