import { isLocale, type Locale } from '@flowdesk/model';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../api/trpc.ts';
import { rememberLocale } from './i18n.ts';

/**
 * Set when someone picks a language on the sign-in page; sent with the sign-in,
 * which makes it the profile's language, so the app stays in it afterwards. Kept
 * in sessionStorage, so a reload of the sign-in page (or a redirect to it) does
 * not lose the pick, while another tab or a later sign-in starts from the profile.
 */
const PICKED_STORAGE_KEY = 'flowdesk.locale.pickedBeforeSignIn';

function storedPick(): Locale | undefined {
  try {
    const value = globalThis.sessionStorage?.getItem(PICKED_STORAGE_KEY);
    return isLocale(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function rememberPick(locale: Locale | undefined): void {
  try {
    if (locale) globalThis.sessionStorage?.setItem(PICKED_STORAGE_KEY, locale);
    else globalThis.sessionStorage?.removeItem(PICKED_STORAGE_KEY);
  } catch {
    // Private mode may refuse storage; the pick is then sent only if no reload comes between.
    fallbackPick = locale;
  }
}

let fallbackPick: Locale | undefined;

/** The pick to send with the sign-in, if any. */
export function pickedLanguage(): Locale | undefined {
  return storedPick() ?? fallbackPick;
}

/** After a sign-in the profile holds the pick; the next sign-in starts from the profile. */
export function forgetLanguagePick(): void {
  fallbackPick = undefined;
  rememberPick(undefined);
}

/** Switches the UI language at once; saves it on the user's profile when signed in. */
export function useSwitchLocale(signedIn: boolean) {
  const { i18n } = useTranslation();
  const trpc = useTRPC();
  const save = useMutation(trpc.auth.setLocale.mutationOptions());
  return (locale: Locale) => {
    void i18n.changeLanguage(locale);
    rememberLocale(locale);
    if (signedIn) save.mutate({ locale });
    else rememberPick(locale);
  };
}
