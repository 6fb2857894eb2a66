import type { Priority, TicketStatus } from '@flowdesk/model';
import { TICKET_STATUSES } from '@flowdesk/model';
import type { SlaState, TicketQuery } from '@flowdesk/store';
import { type AppServices, DEFAULT_WORKSPACE_ID } from '../app-deps.ts';

/**
 * The open tickets a supervisor picks from to reassign: a team's (all, or only
 * its unassigned ones), an agent's, or everyone's, in queue order. Bounded by `limit`
 * (at most 200) through the store's queue indexes; no count of the rest.
 */

export const SUPERVISOR_TICKET_FILTERS = ['all', 'unassigned'] as const;

export interface SupervisorTicket {
  id: string;
  number: string;
  title: string;
  status: TicketStatus;
  priority: Priority;
  team: string | null;
  assignee: string | null;
  assigneeName: string | null;
  slaState: SlaState;
  vipLevel: number;
  createdAt: string;
}

const OPEN_STATUSES: readonly TicketStatus[] = TICKET_STATUSES.values.filter(
  (status) => status !== 'resolved' && status !== 'closed',
);

export async function supervisorTickets(
  services: AppServices,
  input: {
    team?: string | undefined;
    agentId?: string | undefined;
    show: (typeof SUPERVISOR_TICKET_FILTERS)[number];
    limit: number;
  },
): Promise<SupervisorTicket[]> {
  const query: TicketQuery = {
    workspaceId: DEFAULT_WORKSPACE_ID,
    status: OPEN_STATUSES,
    order: 'queue',
    limit: input.limit,
    ...(input.team ? { team: input.team } : {}),
    ...(input.agentId ? { assignee: input.agentId } : input.show === 'unassigned' ? { assignee: null } : {}),
  };
  const [tickets, agents] = await Promise.all([
    services.store.tickets.list(query),
    services.store.agents.list({ workspaceId: DEFAULT_WORKSPACE_ID }),
  ]);
  const names = new Map(agents.map((agent) => [agent.id, agent.name]));
  return tickets.map((ticket) => ({
    id: ticket.id,
    number: ticket.number,
    title: ticket.title,
    status: ticket.status,
    priority: ticket.priority,
    team: ticket.team,
    assignee: ticket.assignee,
    assigneeName: ticket.assignee ? (names.get(ticket.assignee) ?? null) : null,
    slaState: ticket.slaState,
    vipLevel: ticket.vipLevel,
    createdAt: ticket.createdAt,
  }));
}
