import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import { useLocale } from '../i18n/i18n.ts';
import { formatDateTime } from '../shared/format.ts';

/** Roles an integration key may have; agent is enough to send requests and events. */
const KEY_ROLES = ['agent', 'editor', 'admin'] as const;
type KeyRole = (typeof KEY_ROLES)[number];

/** API keys let other systems send requests through REST. The secret is shown once, right after creation. */
export function ApiKeysSection() {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.apiKeys.list.queryOptions());
  const [name, setName] = useState('');
  const [role, setRole] = useState<KeyRole>('agent');
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });
  const create = useMutation(trpc.apiKeys.create.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(trpc.apiKeys.revoke.mutationOptions({ onSuccess: refresh }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) create.mutate({ name: name.trim(), role });
    setName('');
  };

  return (
    <section className="card" aria-labelledby="settings-keys">
      <h2 id="settings-keys">{t('settings.apiKeysTitle')}</h2>
      <p className="muted">{t('settings.apiKeysHelp')}</p>
      {keys.error ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(keys.error, locale, t('common.failed'))}
        </p>
      ) : null}
      <form className="inline-form" onSubmit={submit}>
        <label htmlFor="api-key-name">{t('settings.apiKeyName')}</label>
        <input
          id="api-key-name"
          value={name}
          maxLength={100}
          onChange={(event) => setName(event.target.value)}
        />
        <label htmlFor="api-key-role">{t('settings.apiKeyRole')}</label>
        <select id="api-key-role" value={role} onChange={(event) => setRole(event.target.value as KeyRole)}>
          {KEY_ROLES.map((value) => (
            <option key={value} value={value}>
              {t(`roles.${value}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="primary" disabled={!name.trim() || create.isPending}>
          {t('settings.apiKeyCreate')}
        </button>
      </form>
      {create.data ? (
        <div className="notice" role="status">
          <p>{t('settings.apiKeySecretOnce')}</p>
          <code data-testid="api-key-secret">{create.data.secret}</code>
        </div>
      ) : null}
      {keys.data && keys.data.length > 0 ? (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('settings.apiKeyName')}</th>
              <th scope="col">{t('settings.apiKeyPrefix')}</th>
              <th scope="col">{t('settings.apiKeyRole')}</th>
              <th scope="col">{t('settings.apiKeyCreated')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.data.map((key) => (
              <tr key={key.id}>
                <td>{key.name}</td>
                <td>
                  <code>{key.prefix}</code>
                </td>
                <td>{t(`roles.${key.role}`, { defaultValue: key.role })}</td>
                <td>{formatDateTime(key.createdAt, locale)}</td>
                <td>
                  {key.revokedAt ? (
                    t('settings.apiKeyRevoked')
                  ) : (
                    <button type="button" onClick={() => revoke.mutate({ id: key.id })}>
                      {t('settings.apiKeyRevoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
