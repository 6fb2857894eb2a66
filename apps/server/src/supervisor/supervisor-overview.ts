import type { LocalizedText } from '@flowdesk/model';
import type { Agent, Team, TicketWorkloadRow } from '@flowdesk/store';
import { type AppServices, DEFAULT_WORKSPACE_ID } from '../app-deps.ts';

/**
 * The supervisor's overview (issue 13, item 5): backlog and overdue per team,
 * load and status per agent.
 *
 * Cost: three store reads whatever the ticket count. `tickets.workload` counts
 * open tickets grouped by team and assignee inside the database (SQLite walks
 * the partial covering index of open tickets from migration 027; Mongo groups
 * over its workspace/status index), so its work follows the open backlog and
 * its answer has at most one row per (team, assignee) pair. Teams and agents
 * are small lists. No ticket is loaded into this process.
 */

export type AgentStatus = 'available' | 'away';

export interface TeamBacklog {
  /** null for open tickets no team holds. */
  id: string | null;
  /** null when the id names no configured team (an escalation queue without a team, a deleted team). */
  name: LocalizedText | null;
  open: number;
  unassigned: number;
  assigned: number;
  overdue: number;
  atRisk: number;
  /** When the oldest unassigned ticket arrived; null when nothing waits. */
  oldestWaitingAt: string | null;
  agents: number;
  availableAgents: number;
}

export interface AgentLoad {
  id: string;
  name: string;
  teams: string[];
  status: AgentStatus;
  open: number;
  overdue: number;
  atRisk: number;
  capacity: number;
  /** The units of capacity the routing counts as taken (what auto-assignment compares with capacity). */
  activeCount: number;
  /** activeCount ÷ capacity; null for an agent with no capacity. */
  loadShare: number | null;
  lastAssignedAt: string | null;
}

export interface SupervisorOverview {
  at: string;
  teams: TeamBacklog[];
  agents: AgentLoad[];
}

export function agentStatus(agent: Pick<Agent, 'online'>): AgentStatus {
  return agent.online ? 'available' : 'away';
}

function emptyBacklog(id: string | null, team: Team | undefined, agents: readonly Agent[]): TeamBacklog {
  const members = id === null ? [] : agents.filter((agent) => agent.teams.includes(id));
  return {
    id,
    name: team?.name ?? null,
    open: 0,
    unassigned: 0,
    assigned: 0,
    overdue: 0,
    atRisk: 0,
    oldestWaitingAt: null,
    agents: members.length,
    availableAgents: members.filter((agent) => agent.online).length,
  };
}

function addToTeam(backlog: TeamBacklog, row: TicketWorkloadRow): void {
  backlog.open += row.open;
  backlog.overdue += row.overdue;
  backlog.atRisk += row.atRisk;
  if (row.assignee !== null) {
    backlog.assigned += row.open;
    return;
  }
  backlog.unassigned += row.open;
  if (backlog.oldestWaitingAt === null || row.oldestCreatedAt < backlog.oldestWaitingAt) {
    backlog.oldestWaitingAt = row.oldestCreatedAt;
  }
}

/** Configured teams in their order, then any other queue that holds open tickets, then tickets with no team. */
export function teamBacklogs(
  teams: readonly Team[],
  agents: readonly Agent[],
  rows: readonly TicketWorkloadRow[],
): TeamBacklog[] {
  const byId = new Map<string | null, TeamBacklog>(
    teams.map((team) => [team.id, emptyBacklog(team.id, team, agents)]),
  );
  for (const row of rows) {
    let backlog = byId.get(row.team);
    if (!backlog) {
      backlog = emptyBacklog(row.team, undefined, agents);
      byId.set(row.team, backlog);
    }
    addToTeam(backlog, row);
  }
  const noTeam = byId.get(null);
  byId.delete(null);
  return [...byId.values(), ...(noTeam ? [noTeam] : [])];
}

export function agentLoads(agents: readonly Agent[], rows: readonly TicketWorkloadRow[]): AgentLoad[] {
  return agents.map((agent) => {
    const own = rows.filter((row) => row.assignee === agent.id);
    const sum = (pick: (row: TicketWorkloadRow) => number) =>
      own.reduce((total, row) => total + pick(row), 0);
    return {
      id: agent.id,
      name: agent.name,
      teams: agent.teams,
      status: agentStatus(agent),
      open: sum((row) => row.open),
      overdue: sum((row) => row.overdue),
      atRisk: sum((row) => row.atRisk),
      capacity: agent.capacity,
      activeCount: agent.activeCount,
      loadShare: agent.capacity > 0 ? agent.activeCount / agent.capacity : null,
      lastAssignedAt: agent.lastAssignedAt,
    };
  });
}

export async function supervisorOverview(services: AppServices): Promise<SupervisorOverview> {
  const at = services.clock.now().toISOString();
  const [teams, agents, rows] = await Promise.all([
    services.store.teams.list(DEFAULT_WORKSPACE_ID),
    services.store.agents.list({ workspaceId: DEFAULT_WORKSPACE_ID }),
    services.store.tickets.workload({ workspaceId: DEFAULT_WORKSPACE_ID, now: at }),
  ]);
  return { at, teams: teamBacklogs(teams, agents, rows), agents: agentLoads(agents, rows) };
}
