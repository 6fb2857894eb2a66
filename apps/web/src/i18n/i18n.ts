import { isLocale, type Locale } from '@flowdesk/model';
import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { en } from './en.locale.ts';
import { zhCN } from './zh-cn.locale.ts';

/** Before sign-in the choice lives in the browser; after sign-in the user's profile wins. */
export const LOCALE_STORAGE_KEY = 'flowdesk.locale';

function storedLocale(): Locale | undefined {
  try {
    const value = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY);
    return isLocale(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function browserLocale(): Locale {
  const language = globalThis.navigator?.language ?? 'zh-CN';
  return language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function initialLocale(): Locale {
  return storedLocale() ?? browserLocale();
}

export function rememberLocale(locale: Locale): void {
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Private mode may refuse storage; the language still switches for this page.
  }
}

export function createI18n(locale: Locale = initialLocale()) {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: locale,
    fallbackLng: 'en',
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  // Screen readers pick their voice from <html lang>.
  const setDocumentLanguage = (language: string) => {
    if (typeof document !== 'undefined') document.documentElement.lang = language;
  };
  setDocumentLanguage(locale);
  instance.on('languageChanged', setDocumentLanguage);
  return instance;
}

/** The current UI language as a model Locale, for catalog texts (`label[locale]`). */
export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return isLocale(i18n.language) ? i18n.language : 'en';
}
