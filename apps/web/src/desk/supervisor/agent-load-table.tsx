import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../shared/format.ts';
import { percent } from './supervisor-format.ts';
import type { AgentLoad } from './supervisor-outputs.types.ts';

/** Each agent's load and status, with the toggle that sets them away or available. */
export function AgentLoadTable(props: {
  agents: AgentLoad[];
  busy: boolean;
  onSetStatus(agent: AgentLoad, status: 'available' | 'away'): void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (props.agents.length === 0) return <p className="muted">{t('supervisor.noAgents')}</p>;
  const columns = {
    agent: t('supervisor.agent'),
    status: t('supervisor.status'),
    open: t('supervisor.open'),
    overdue: t('supervisor.overdue'),
    load: t('supervisor.load'),
    lastAssigned: t('supervisor.lastAssigned'),
  };
  return (
    <table className="data-table supervisor-table" data-testid="agent-load">
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
        {props.agents.map((agent) => {
          const next = agent.status === 'available' ? 'away' : 'available';
          return (
            <tr key={agent.id} data-testid={`agent-${agent.id}`}>
              <th scope="row" data-label={columns.agent}>
                {agent.name}
              </th>
              <td data-label={columns.status}>
                <span className="agent-status">
                  <span className={`badge agent-${agent.status}`} data-testid="agent-status">
                    {t(`supervisor.statusValue.${agent.status}`)}
                  </span>
                  <button type="button" disabled={props.busy} onClick={() => props.onSetStatus(agent, next)}>
                    {t(next === 'away' ? 'supervisor.setAway' : 'supervisor.setAvailable')}
                    <span className="visually-hidden"> {agent.name}</span>
                  </button>
                </span>
              </td>
              <td data-label={columns.open}>{agent.open}</td>
              <td data-label={columns.overdue}>
                {agent.overdue > 0 ? <span className="badge badge-error">{agent.overdue}</span> : 0}
              </td>
              <td data-label={columns.load}>
                {t('supervisor.loadValue', {
                  active: agent.activeCount,
                  capacity: agent.capacity,
                  share: percent(agent.loadShare),
                })}
              </td>
              <td data-label={columns.lastAssigned}>
                {agent.lastAssignedAt ? formatDateTime(agent.lastAssignedAt, locale) : t('supervisor.never')}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
