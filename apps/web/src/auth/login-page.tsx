import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { apiErrorMessage } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import { rememberLocale, useLocale } from '../i18n/i18n.ts';
import { LanguageSelect } from '../i18n/language-select.tsx';
import { forgetLanguagePick, pickedLanguage } from '../i18n/use-switch-locale.ts';

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: async ({ user }) => {
        // A language picked on this page went with the sign-in and is the profile's now.
        forgetLanguagePick();
        queryClient.setQueryData(trpc.auth.me.queryKey(), user);
        await i18n.changeLanguage(user.locale);
        rememberLocale(user.locale);
        await queryClient.invalidateQueries();
        // The home route sends each role to where it starts: agents to the inbox, others to the flows.
        navigate('/', { replace: true });
      },
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const picked = pickedLanguage();
    login.mutate({ email, password, ...(picked ? { locale: picked } : {}) });
  };

  return (
    <main className="login-page">
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">FlowDesk</h1>
        <p className="muted">{t('login.subtitle')}</p>
        <label htmlFor="login-email">{t('login.email')}</label>
        <input
          id="login-email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <label htmlFor="login-password">{t('login.password')}</label>
        <input
          id="login-password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        {login.error ? (
          <p role="alert" className="error-text">
            {apiErrorMessage(login.error, locale, t('login.failed'))}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={login.isPending}>
          {login.isPending ? t('login.signingIn') : t('login.signIn')}
        </button>
        <LanguageSelect signedIn={false} />
      </form>
    </main>
  );
}
