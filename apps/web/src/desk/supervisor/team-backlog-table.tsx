import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n/i18n.ts';
import { formatAge, teamLabel } from './supervisor-format.ts';
import type { TeamBacklog } from './supervisor-outputs.types.ts';

/** Backlog per team; on a phone each row is a card with its cells named. */
export function TeamBacklogTable({ teams, at }: { teams: TeamBacklog[]; at: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (teams.length === 0) return <p className="muted">{t('supervisor.noTeams')}</p>;
  const columns = {
    team: t('supervisor.team'),
    unassigned: t('supervisor.unassigned'),
    assigned: t('supervisor.assigned'),
    overdue: t('supervisor.overdue'),
    atRisk: t('supervisor.atRisk'),
    oldest: t('supervisor.oldestWaiting'),
    agents: t('supervisor.agentsAvailable'),
  };
  return (
    <table className="data-table supervisor-table" data-testid="team-backlog">
      <thead>
        <tr>
          {Object.values(columns).map((label) => (
            <th key={label} scope="col">
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {teams.map((team) => (
          <tr key={team.id ?? ''} data-testid={`team-${team.id ?? 'none'}`}>
            <th scope="row" data-label={columns.team}>
              {teamLabel(team, locale, t)}
            </th>
            <td data-label={columns.unassigned} data-testid="unassigned">
              {team.unassigned}
            </td>
            <td data-label={columns.assigned} data-testid="assigned">
              {team.assigned}
            </td>
            <td data-label={columns.overdue} data-testid="overdue">
              {team.overdue > 0 ? <span className="badge badge-error">{team.overdue}</span> : 0}
            </td>
            <td data-label={columns.atRisk}>
              {team.atRisk > 0 ? <span className="badge badge-warning">{team.atRisk}</span> : 0}
            </td>
            <td data-label={columns.oldest}>{formatAge(team.oldestWaitingAt, at, t)}</td>
            <td data-label={columns.agents}>
              {t('supervisor.agentsOf', { available: team.availableAgents, total: team.agents })}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
