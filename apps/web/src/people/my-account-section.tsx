import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { apiErrorMessage } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import { useSession } from '../auth/use-session.ts';
import { useLocale } from '../i18n/i18n.ts';
import { LanguageSelect } from '../i18n/language-select.tsx';
import { ChangePasswordForm } from './change-password-form.tsx';

/** Settings → My account, for everyone signed in: language, password, signing out on every device. */
export function MyAccountSection() {
  const { t } = useTranslation();
  const locale = useLocale();
  const session = useSession();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const everywhere = useMutation(
    trpc.auth.signOutEverywhere.mutationOptions({
      onSuccess: () => {
        queryClient.clear();
        navigate('/login', { replace: true });
      },
    }),
  );
  const user = session.data;
  return (
    <section className="card" aria-labelledby="settings-account">
      <h2 id="settings-account">{t('people.accountTitle')}</h2>
      {user ? (
        <p className="muted">
          {t('people.accountHelp', { email: user.email, role: t(`roles.${user.role}`) })}
        </p>
      ) : null}
      <p className="muted">{t('settings.languageHelp')}</p>
      <LanguageSelect signedIn />
      <h3>{t('people.changePassword')}</h3>
      <ChangePasswordForm />
      <h3>{t('people.signOutEverywhere')}</h3>
      <p className="muted">{t('people.signOutEverywhereHelp')}</p>
      {everywhere.error ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(everywhere.error, locale, t('common.failed'))}
        </p>
      ) : null}
      <button type="button" onClick={() => everywhere.mutate()} disabled={everywhere.isPending}>
        {t('people.signOutEverywhere')}
      </button>
    </section>
  );
}
