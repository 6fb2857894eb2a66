import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { apiErrorMessage } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import { rememberLocale, useLocale } from '../i18n/i18n.ts';
import { LanguageSelect } from '../i18n/language-select.tsx';

/** Where an invitation link lands: the invited person sets a name and password and is signed in. */
export function InvitePage() {
  const { t, i18n } = useTranslation();
  const locale = useLocale();
  const { token = '' } = useParams();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const invitation = useQuery(trpc.auth.invitation.queryOptions({ token }, { retry: false }));
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const accept = useMutation(
    trpc.auth.acceptInvitation.mutationOptions({
      onSuccess: async ({ user }) => {
        queryClient.setQueryData(trpc.auth.me.queryKey(), user);
        await i18n.changeLanguage(user.locale);
        rememberLocale(user.locale);
        navigate('/', { replace: true });
      },
    }),
  );
  // A password-reset link: the account exists, only the new password is asked for.
  const reset = invitation.data?.reset === true;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    accept.mutate({ token, password, locale, ...(reset ? {} : { name: name.trim() }) });
  };
  const error = invitation.error ?? accept.error;
  return (
    <main className="login-page">
      <form className="login-card" onSubmit={submit} aria-labelledby="invite-title">
        <h1 id="invite-title">{reset ? t('people.resetTitle') : t('people.inviteTitle')}</h1>
        {invitation.isPending ? <p role="status">{t('people.inviteChecking')}</p> : null}
        {invitation.data ? (
          <p className="muted">
            {reset
              ? t('people.resetHelp', { email: invitation.data.email })
              : t('people.inviteHelp', {
                  email: invitation.data.email,
                  role: t(`roles.${invitation.data.role}`),
                })}
          </p>
        ) : null}
        {error ? (
          <p role="alert" className="error-text">
            {apiErrorMessage(error, locale, t('common.failed'))}
          </p>
        ) : null}
        {invitation.data ? (
          <>
            {reset ? null : (
              <>
                <label htmlFor="invite-name">{t('people.name')}</label>
                <input
                  id="invite-name"
                  autoComplete="name"
                  required
                  maxLength={120}
                  value={name}
                  onChange={(event) => setName(event.target.value)}
                />
              </>
            )}
            <label htmlFor="invite-password">{t('people.newPassword')}</label>
            <input
              id="invite-password"
              type="password"
              autoComplete="new-password"
              required
              minLength={10}
              maxLength={256}
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
            <button type="submit" className="primary" disabled={accept.isPending}>
              {reset ? t('people.resetAccept') : t('people.inviteAccept')}
            </button>
          </>
        ) : null}
        <LanguageSelect signedIn={false} />
      </form>
    </main>
  );
}
