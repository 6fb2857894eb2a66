import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import { useLocale } from '../i18n/i18n.ts';

/** The signed-in person's password change: the current password, then the new one twice. */
export function ChangePasswordForm() {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: (user) => {
        queryClient.setQueryData(trpc.auth.me.queryKey(), user);
        setCurrent('');
        setNext('');
        setRepeat('');
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMismatch(next !== repeat);
    if (next === repeat) change.mutate({ currentPassword: current, newPassword: next });
  };
  return (
    <form className="stacked-form" onSubmit={submit}>
      <label htmlFor={`${id}-current`}>{t('people.currentPassword')}</label>
      <input
        id={`${id}-current`}
        type="password"
        autoComplete="current-password"
        required
        value={current}
        onChange={(event) => setCurrent(event.target.value)}
      />
      <label htmlFor={`${id}-new`}>{t('people.newPassword')}</label>
      <input
        id={`${id}-new`}
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        maxLength={256}
        value={next}
        onChange={(event) => setNext(event.target.value)}
      />
      <label htmlFor={`${id}-repeat`}>{t('people.repeatPassword')}</label>
      <input
        id={`${id}-repeat`}
        type="password"
        autoComplete="new-password"
        required
        value={repeat}
        onChange={(event) => setRepeat(event.target.value)}
      />
      {mismatch ? (
        <p role="alert" className="error-text">
          {t('people.passwordsDiffer')}
        </p>
      ) : null}
      {change.error ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(change.error, locale, t('common.failed'))}
        </p>
      ) : null}
      {change.isSuccess ? <p role="status">{t('people.passwordChanged')}</p> : null}
      <button type="submit" className="primary" disabled={change.isPending}>
        {t('people.changePassword')}
      </button>
    </form>
  );
}
