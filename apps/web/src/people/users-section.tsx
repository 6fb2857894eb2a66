import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import { useSession } from '../auth/use-session.ts';
import { useLocale } from '../i18n/i18n.ts';
import { formatDateTime } from '../shared/format.ts';
import { AddUserForm } from './add-user-form.tsx';
import { isPeopleRole, PEOPLE_ROLES } from './roles.ts';

/** Settings → Users (admins): accounts with role and status, open invitations, and what an admin does to them. */
export function UsersSection() {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const session = useSession();
  const list = useQuery(trpc.users.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
  const setRole = useMutation(trpc.users.setRole.mutationOptions({ onSettled: refresh }));
  const deactivate = useMutation(trpc.users.deactivate.mutationOptions({ onSettled: refresh }));
  const reactivate = useMutation(trpc.users.reactivate.mutationOptions({ onSettled: refresh }));
  const reset = useMutation(trpc.users.resetPassword.mutationOptions({ onSettled: refresh }));
  const signOut = useMutation(trpc.users.signOutEverywhere.mutationOptions());
  const revoke = useMutation(trpc.users.revokeInvitation.mutationOptions({ onSettled: refresh }));
  const failed = [list, setRole, deactivate, reactivate, reset, signOut, revoke].find(
    (entry) => entry.error,
  )?.error;
  const nameOf = (userId: string) => list.data?.users.find((user) => user.id === userId)?.name ?? userId;

  return (
    <section className="card" aria-labelledby="settings-users">
      <h2 id="settings-users">{t('people.usersTitle')}</h2>
      <p className="muted">{t('people.usersHelp')}</p>
      <AddUserForm onAdded={refresh} />
      {failed ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(failed, locale, t('common.failed'))}
        </p>
      ) : null}
      {reset.data?.mode === 'temporary' ? (
        <div className="notice" role="status">
          <p>{t('people.temporaryPassword', { email: reset.data.user.email })}</p>
          <code data-testid="temporary-password">{reset.data.temporaryPassword}</code>
        </div>
      ) : null}
      {reset.data?.mode === 'link' ? (
        <div className="notice" role="status">
          <p>
            {t('people.resetLinkShown', {
              email: reset.data.user.email,
              expires: formatDateTime(reset.data.expiresAt, locale),
            })}
          </p>
          <code data-testid="reset-link">{reset.data.link}</code>
        </div>
      ) : null}
      {signOut.data && signOut.variables ? (
        <p role="status">
          {t('people.signedOutSessions', {
            name: nameOf(signOut.variables.userId),
            count: signOut.data.sessions,
          })}
        </p>
      ) : null}
      {list.data ? (
        <div className="table-scroll people-table">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('people.name')}</th>
                <th scope="col">{t('people.email')}</th>
                <th scope="col">{t('people.role')}</th>
                <th scope="col">{t('people.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.users.map((user) => (
                <tr key={user.id} data-testid={`user-row-${user.email}`}>
                  <td>
                    {user.name} {user.id === session.data?.id ? t('people.you') : null}
                  </td>
                  <td>{user.email}</td>
                  <td>
                    <select
                      aria-label={t('people.changeRole', { name: user.name })}
                      value={user.role}
                      onChange={(event) =>
                        isPeopleRole(event.target.value) &&
                        setRole.mutate({ userId: user.id, role: event.target.value })
                      }
                    >
                      {PEOPLE_ROLES.map((role) => (
                        <option key={role} value={role}>
                          {t(`roles.${role}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    {user.active ? t('people.active') : t('people.deactivated')}
                    {user.mustChangePassword ? ` · ${t('people.mustChange')}` : null}
                  </td>
                  <td>
                    <div className="row-actions">
                      {user.active ? (
                        <button
                          type="button"
                          className="danger"
                          onClick={() =>
                            window.confirm(t('people.confirmDeactivate', { name: user.name })) &&
                            deactivate.mutate({ userId: user.id })
                          }
                        >
                          {t('people.deactivate')}
                        </button>
                      ) : (
                        <button type="button" onClick={() => reactivate.mutate({ userId: user.id })}>
                          {t('people.reactivate')}
                        </button>
                      )}
                      <button
                        type="button"
                        onClick={() => reset.mutate({ userId: user.id, mode: 'temporary' })}
                      >
                        {t('people.resetPassword')}
                      </button>
                      <button type="button" onClick={() => reset.mutate({ userId: user.id, mode: 'link' })}>
                        {t('people.resetLink')}
                      </button>
                      <button type="button" onClick={() => signOut.mutate({ userId: user.id })}>
                        {t('people.signOutEverywhere')}
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {list.data && list.data.invitations.length > 0 ? (
        <>
          <h3>{t('people.openInvitations')}</h3>
          <div className="table-scroll people-table">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('people.email')}</th>
                  <th scope="col">{t('people.role')}</th>
                  <th scope="col">{t('people.expires')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.invitations.map((invitation) => (
                  <tr key={invitation.id}>
                    <td>{invitation.email}</td>
                    <td>{t(`roles.${invitation.role}`)}</td>
                    <td>{formatDateTime(invitation.expiresAt, locale)}</td>
                    <td>
                      <button type="button" onClick={() => revoke.mutate({ id: invitation.id })}>
                        {t('people.revokeInvitation')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}
