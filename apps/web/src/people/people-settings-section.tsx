import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import { useLocale } from '../i18n/i18n.ts';
import { PEOPLE_ROLES, type PeopleRole } from './roles.ts';

/** Admins choose which roles may reveal a customer's contact, and how long invitation links last. */
export function PeopleSettingsSection() {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.users.settings.queryOptions());
  const [roles, setRoles] = useState<PeopleRole[]>([]);
  const [hours, setHours] = useState(72);
  useEffect(() => {
    if (settings.data) {
      setRoles(settings.data.revealRoles);
      setHours(settings.data.invitationHours);
    }
  }, [settings.data]);
  const save = useMutation(
    trpc.users.updateSettings.mutationOptions({
      onSuccess: (saved) => queryClient.setQueryData(trpc.users.settings.queryKey(), saved),
    }),
  );
  const toggle = (role: PeopleRole, on: boolean) =>
    setRoles((current) => (on ? [...current, role] : current.filter((entry) => entry !== role)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ revealRoles: roles, invitationHours: hours });
  };
  const error = settings.error ?? save.error;
  return (
    <section className="card" aria-labelledby="settings-people">
      <h2 id="settings-people">{t('people.settingsTitle')}</h2>
      <form onSubmit={submit}>
        <fieldset>
          <legend>{t('people.revealRoles')}</legend>
          <p className="muted">{t('people.revealHelp')}</p>
          {PEOPLE_ROLES.map((role) => (
            <label key={role} className="checkbox-label">
              <input
                type="checkbox"
                checked={roles.includes(role)}
                onChange={(event) => toggle(role, event.target.checked)}
              />
              {t(`roles.${role}`)}
            </label>
          ))}
        </fieldset>
        <label htmlFor="people-hours">{t('people.invitationHours')}</label>
        <input
          id="people-hours"
          type="number"
          min={1}
          max={720}
          required
          value={hours}
          onChange={(event) => setHours(Number(event.target.value))}
        />
        {error ? (
          <p role="alert" className="error-text">
            {apiErrorMessage(error, locale, t('common.failed'))}
          </p>
        ) : null}
        {save.isSuccess ? <p role="status">{t('people.saved')}</p> : null}
        <button type="submit" className="primary" disabled={save.isPending || !settings.data}>
          {t('people.save')}
        </button>
      </form>
    </section>
  );
}
