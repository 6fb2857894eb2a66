import { PRIORITIES, TICKET_STATUSES } from '@flowdesk/model';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { apiErrorMessage } from '../../api/api-error.ts';
import { useTRPC } from '../../api/trpc.ts';
import { useLocale } from '../../i18n/i18n.ts';
import { ticketLink } from '../ticket-origin.ts';
import { teamLabel } from './supervisor-format.ts';
import type { AgentLoad, BulkReassignResult, TeamBacklog } from './supervisor-outputs.types.ts';

type Show = 'all' | 'unassigned';

/**
 * Open tickets to pick from (one team's, or everyone's) with a checkbox each,
 * and "Reassign selected" to a team, an agent or both. The server reassigns
 * ticket by ticket and answers each; refusals are listed with their reason.
 */
export function ReassignTickets({ teams, agents }: { teams: TeamBacklog[]; agents: AgentLoad[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ids = useId();
  const [team, setTeam] = useState('');
  const [show, setShow] = useState<Show>('all');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [targetTeam, setTargetTeam] = useState('');
  const [targetAgent, setTargetAgent] = useState('');
  const [results, setResults] = useState<BulkReassignResult[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const tickets = useQuery(
    trpc.supervisor.tickets.queryOptions({ ...(team ? { team } : {}), show, limit: 100 }),
  );
  const reassign = useMutation(
    trpc.tickets.bulkReassign.mutationOptions({
      onSuccess: (answer) => {
        setResults(answer.results);
        setSelected(new Set(answer.results.filter((result) => !result.ok).map((result) => result.id)));
      },
      onError: (failure) => setError(apiErrorMessage(failure, locale, t('common.failed'))),
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.supervisor.pathKey() }),
    }),
  );
  const items = tickets.data ?? [];
  const namedTeams = teams.filter((entry): entry is TeamBacklog & { id: string } => entry.id !== null);
  const allChosen = items.length > 0 && items.every((item) => selected.has(item.id));
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const submit = () => {
    setResults(null);
    setError(null);
    reassign.mutate({
      ticketIds: [...selected],
      ...(targetTeam ? { team: targetTeam } : {}),
      ...(targetAgent ? { agentId: targetAgent } : {}),
    });
  };
  const reassigned = results?.filter((result) => result.ok).length ?? 0;
  const refused = results?.filter((result) => !result.ok) ?? [];

  return (
    <div className="reassign-tickets">
      <div className="reassign-controls">
        <label htmlFor={`${ids}-team`}>{t('supervisor.filterTeam')}</label>
        <select
          id={`${ids}-team`}
          value={team}
          onChange={(event) => {
            setTeam(event.target.value);
            setSelected(new Set());
          }}
        >
          <option value="">{t('supervisor.allTeams')}</option>
          {namedTeams.map((entry) => (
            <option key={entry.id} value={entry.id}>
              {teamLabel(entry, locale, t)}
            </option>
          ))}
        </select>
        <label htmlFor={`${ids}-show`}>{t('supervisor.show')}</label>
        <select id={`${ids}-show`} value={show} onChange={(event) => setShow(event.target.value as Show)}>
          <option value="all">{t('supervisor.showAll')}</option>
          <option value="unassigned">{t('supervisor.showUnassigned')}</option>
        </select>
      </div>
      {items.length === 0 ? (
        <p className="muted">{tickets.isPending ? t('common.loading') : t('supervisor.noTickets')}</p>
      ) : (
        <>
          <label className="checkbox-row">
            <input
              type="checkbox"
              checked={allChosen}
              onChange={() => setSelected(allChosen ? new Set() : new Set(items.map((item) => item.id)))}
            />
            {t('supervisor.selectAll', { count: items.length })}
          </label>
          <ul className="reassign-list" data-testid="reassign-list">
            {items.map((item) => (
              <li key={item.id} className="reassign-item" data-testid="reassign-item">
                <input
                  type="checkbox"
                  checked={selected.has(item.id)}
                  onChange={() => toggle(item.id)}
                  aria-label={t('supervisor.select', { number: item.number })}
                />
                <div>
                  <Link {...ticketLink(item.id, 'supervisor')}>
                    <span className="ticket-number">{item.number}</span> {item.title}
                  </Link>
                  <div className="inbox-item-meta">
                    <span className={`badge status-${item.status}`}>
                      {TICKET_STATUSES.labels[item.status][locale]}
                    </span>
                    <span className={`badge priority-${item.priority}`}>
                      {PRIORITIES.labels[item.priority][locale]}
                    </span>
                    <span className={`badge sla-${item.slaState}`}>{t(`inbox.sla.${item.slaState}`)}</span>
                    <span>
                      {item.assigneeName
                        ? t('inbox.assignee', { name: item.assigneeName })
                        : t('inbox.unassigned')}
                    </span>
                  </div>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      <fieldset className="reassign-target">
        <legend>{t('supervisor.reassignTo')}</legend>
        <label htmlFor={`${ids}-target-team`}>{t('supervisor.targetTeam')}</label>
        <select
          id={`${ids}-target-team`}
          value={targetTeam}
          onChange={(event) => setTargetTeam(event.target.value)}
        >
          <option value="">{t('supervisor.keepTeam')}</option>
          {namedTeams.map((entry) => (
            <option key={entry.id} value={entry.id}>
              {teamLabel(entry, locale, t)}
            </option>
          ))}
        </select>
        <label htmlFor={`${ids}-target-agent`}>{t('supervisor.targetAgent')}</label>
        <select
          id={`${ids}-target-agent`}
          value={targetAgent}
          onChange={(event) => setTargetAgent(event.target.value)}
        >
          <option value="">{t('supervisor.byTeamStrategy')}</option>
          {agents.map((agent) => (
            <option key={agent.id} value={agent.id}>
              {agent.status === 'away' ? t('supervisor.agentAway', { name: agent.name }) : agent.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="primary"
          disabled={selected.size === 0 || (!targetTeam && !targetAgent) || reassign.isPending}
          onClick={submit}
        >
          {t('supervisor.reassignSelected', { count: selected.size })}
        </button>
      </fieldset>
      {error ? (
        <p role="alert" className="error-text">
          {error}
        </p>
      ) : null}
      <div role="status" data-testid="reassign-result">
        {results ? <p className="notice">{t('supervisor.reassigned', { count: reassigned })}</p> : null}
        {refused.length > 0 ? (
          <ul className="error-text">
            {refused.map((result) =>
              result.ok ? null : (
                <li key={result.id}>
                  {items.find((item) => item.id === result.id)?.number ?? result.id}: {result.message[locale]}
                </li>
              ),
            )}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
