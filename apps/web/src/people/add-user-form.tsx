import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import { useLocale } from '../i18n/i18n.ts';
import { formatDateTime } from '../shared/format.ts';
import { isPeopleRole, PEOPLE_ROLES, type PeopleRole } from './roles.ts';

type Mode = 'invite' | 'create';

/** Adds a person: an invitation link to copy (and an email), or an account with a temporary password shown once. */
export function AddUserForm({ onAdded }: { onAdded: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const [mode, setMode] = useState<Mode>('invite');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<PeopleRole>('agent');
  const added = () => {
    setEmail('');
    setName('');
    onAdded();
  };
  const invite = useMutation(trpc.users.invite.mutationOptions({ onSuccess: added }));
  const create = useMutation(trpc.users.create.mutationOptions({ onSuccess: added }));
  const pending = invite.isPending || create.isPending;
  const error = mode === 'invite' ? invite.error : create.error;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mode === 'invite') invite.mutate({ email: email.trim(), role });
    else create.mutate({ email: email.trim(), name: name.trim(), role, locale });
  };

  return (
    <>
      <form className="inline-form" onSubmit={submit}>
        <label htmlFor="people-mode">{t('people.inviteMode')}</label>
        <select id="people-mode" value={mode} onChange={(event) => setMode(event.target.value as Mode)}>
          <option value="invite">{t('people.modeInvite')}</option>
          <option value="create">{t('people.modeCreate')}</option>
        </select>
        <label htmlFor="people-email">{t('people.email')}</label>
        <input
          id="people-email"
          type="email"
          required
          maxLength={320}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        {mode === 'create' ? (
          <>
            <label htmlFor="people-name">{t('people.name')}</label>
            <input
              id="people-name"
              required
              maxLength={120}
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
          </>
        ) : null}
        <label htmlFor="people-role">{t('people.role')}</label>
        <select
          id="people-role"
          value={role}
          onChange={(event) => isPeopleRole(event.target.value) && setRole(event.target.value)}
        >
          {PEOPLE_ROLES.map((value) => (
            <option key={value} value={value}>
              {t(`roles.${value}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="primary" disabled={pending}>
          {mode === 'invite' ? t('people.invite') : t('people.create')}
        </button>
      </form>
      {error ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(error, locale, t('common.failed'))}
        </p>
      ) : null}
      {mode === 'invite' && invite.data ? (
        <div className="notice" role="status">
          <p>
            {t('people.inviteLink', {
              email: invite.data.email,
              expires: formatDateTime(invite.data.expiresAt, locale),
            })}
          </p>
          <code data-testid="invitation-link">{invite.data.link}</code>
          {invite.data.emailQueued ? <p>{t('people.inviteEmailed')}</p> : null}
        </div>
      ) : null}
      {mode === 'create' && create.data ? (
        <div className="notice" role="status">
          <p>{t('people.temporaryPassword', { email: create.data.user.email })}</p>
          <code data-testid="temporary-password">{create.data.temporaryPassword}</code>
        </div>
      ) : null}
    </>
  );
}
