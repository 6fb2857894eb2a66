import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import { useLocale } from '../i18n/i18n.ts';

interface Member {
  id: string;
  name: string;
  teams: string[];
  capacity: number;
  userId: string | null;
}

/** The agents of one team: capacity and linked user per agent, add an agent (or a new one), remove one. */
export function TeamMembers({
  teamId,
  teamName,
  readOnly,
}: {
  teamId: string;
  teamName: string;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const agents = useQuery(trpc.teams.listAgents.queryOptions({}));
  const users = useQuery({ ...trpc.users.list.queryOptions(), enabled: !readOnly });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.teams.listAgents.queryKey() });
  const update = useMutation(trpc.teams.updateAgent.mutationOptions({ onSettled: refresh }));
  const create = useMutation(trpc.teams.createAgent.mutationOptions({ onSettled: refresh }));
  const [adding, setAdding] = useState('');
  const [newName, setNewName] = useState('');
  const members = (agents.data ?? []).filter((agent) => agent.teams.includes(teamId));
  const others = (agents.data ?? []).filter((agent) => !agent.teams.includes(teamId));
  const failed = [agents, update, create].find((entry) => entry.error)?.error;
  const addExisting = () => {
    const agent = others.find((entry) => entry.id === adding);
    if (!agent) return;
    update.mutate({ id: agent.id, teams: [...agent.teams, teamId] }, { onSuccess: () => setAdding('') });
  };
  const addNew = () => {
    const name = newName.trim();
    if (!name) return;
    const id = `agent-${Date.now().toString(36)}`;
    create.mutate({ id, name, teams: [teamId], capacity: 5 }, { onSuccess: () => setNewName('') });
  };

  return (
    <section aria-labelledby={`members-${teamId}`} className="team-members">
      <h4 id={`members-${teamId}`}>{t('teamsSla.members.title', { team: teamName })}</h4>
      {failed ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(failed, locale, t('common.failed'))}
        </p>
      ) : null}
      {members.length === 0 ? <p className="muted">{t('teamsSla.members.none')}</p> : null}
      {members.length > 0 ? (
        <div className="table-scroll people-table">
          <table className="data-table stack-on-phone">
            <thead>
              <tr>
                <th scope="col">{t('teamsSla.members.agent')}</th>
                <th scope="col">{t('teamsSla.members.capacity')}</th>
                <th scope="col">{t('teamsSla.members.user')}</th>
                {readOnly ? null : (
                  <th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {members.map((agent) => (
                <MemberRow
                  key={`${agent.id}:${agent.capacity}:${agent.userId}`}
                  agent={agent}
                  readOnly={readOnly}
                  users={users.data?.users ?? []}
                  onSave={(patch) => update.mutate({ id: agent.id, ...patch })}
                  onRemove={() =>
                    update.mutate({ id: agent.id, teams: agent.teams.filter((team) => team !== teamId) })
                  }
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {readOnly ? null : (
        <>
          <div className="inline-form">
            <label htmlFor={`add-agent-${teamId}`}>{t('teamsSla.members.addExisting')}</label>
            <select
              id={`add-agent-${teamId}`}
              value={adding}
              onChange={(event) => setAdding(event.target.value)}
            >
              <option value="">{t('teamsSla.members.choose')}</option>
              {others.map((agent) => (
                <option key={agent.id} value={agent.id}>
                  {agent.name}
                </option>
              ))}
            </select>
            <button type="button" disabled={!adding || update.isPending} onClick={addExisting}>
              {t('teamsSla.members.add')}
            </button>
          </div>
          <div className="inline-form">
            <label htmlFor={`new-agent-${teamId}`}>{t('teamsSla.members.newAgent')}</label>
            <input
              id={`new-agent-${teamId}`}
              maxLength={100}
              value={newName}
              onChange={(event) => setNewName(event.target.value)}
            />
            <button type="button" disabled={!newName.trim() || create.isPending} onClick={addNew}>
              {t('teamsSla.members.create')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

interface MemberRowProps {
  agent: Member;
  readOnly: boolean;
  users: ReadonlyArray<{ id: string; name: string; email: string }>;
  onSave: (patch: { capacity: number; userId: string | null }) => void;
  onRemove: () => void;
}

function MemberRow({ agent, readOnly, users, onSave, onRemove }: MemberRowProps) {
  const { t } = useTranslation();
  const [capacity, setCapacity] = useState(String(agent.capacity));
  const [userId, setUserId] = useState(agent.userId ?? '');
  const capacityValue = Number(capacity);
  const valid =
    capacity !== '' && Number.isInteger(capacityValue) && capacityValue >= 0 && capacityValue <= 1000;
  const linked = users.find((user) => user.id === agent.userId);
  return (
    <tr data-testid={`member-${agent.id}`}>
      <th scope="row">{agent.name}</th>
      <td data-label={t('teamsSla.members.capacity')}>
        {readOnly ? (
          agent.capacity
        ) : (
          <>
            <input
              type="number"
              min={0}
              max={1000}
              aria-label={t('teamsSla.members.capacityOf', { name: agent.name })}
              aria-invalid={!valid}
              value={capacity}
              onChange={(event) => setCapacity(event.target.value)}
            />
            {valid ? null : <span className="error-text">{t('teamsSla.members.capacityInvalid')}</span>}
          </>
        )}
      </td>
      <td data-label={t('teamsSla.members.user')}>
        {readOnly ? (
          (linked?.name ?? (agent.userId ? agent.userId : t('teamsSla.members.noUser')))
        ) : (
          <select
            aria-label={t('teamsSla.members.userOf', { name: agent.name })}
            value={userId}
            onChange={(event) => setUserId(event.target.value)}
          >
            <option value="">{t('teamsSla.members.noUser')}</option>
            {users.map((user) => (
              <option key={user.id} value={user.id}>
                {user.name} ({user.email})
              </option>
            ))}
          </select>
        )}
      </td>
      {readOnly ? null : (
        <td>
          <div className="row-actions">
            <button
              type="button"
              disabled={!valid}
              onClick={() => onSave({ capacity: capacityValue, userId: userId || null })}
            >
              {t('teamsSla.members.saveAgent')}
            </button>
            <button type="button" className="danger" onClick={onRemove}>
              {t('teamsSla.members.remove')}
            </button>
          </div>
        </td>
      )}
    </tr>
  );
}
