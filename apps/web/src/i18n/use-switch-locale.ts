import type { Locale } from '@flowdesk/model';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../api/trpc.ts';
import { rememberLocale } from './i18n.ts';

/** Set when someone picks a language on the sign-in page, so signing in keeps that choice. */
let pickedBeforeSignIn: Locale | undefined;

export function languagePickedBeforeSignIn(): Locale | undefined {
  return pickedBeforeSignIn;
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
    else pickedBeforeSignIn = locale;
  };
}
