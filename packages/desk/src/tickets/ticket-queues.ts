import type { Ticket, TicketActor } from '@flowdesk/store';
import type { DeskScope } from '../desk-deps.ts';
import type { DeskResult } from '../desk-errors.ts';
import { assignTicket } from '../routing/routing-service.ts';
import { QUEUED_STATUSES } from './ticket-status.ts';

/** Open statuses an agent works through. */
const OPEN_STATUSES = [
  'new',
  'pending_confirmation',
  'assigned',
  'in_progress',
  'waiting_for_customer',
] as const;

/** Tickets waiting unassigned in a team's queue, in the order they will be handed out. */
export function listTeamQueue(scope: DeskScope, teamId: string, limit?: number): Promise<Ticket[]> {
  return scope.tx.tickets.list({
    team: teamId,
    assignee: null,
    status: QUEUED_STATUSES,
    order: 'queue',
    ...(limit ? { limit } : {}),
  });
}

/** An agent's open tickets, most pressing first. */
export function listAgentQueue(scope: DeskScope, agentId: string, limit?: number): Promise<Ticket[]> {
  return scope.tx.tickets.list({
    assignee: agentId,
    status: OPEN_STATUSES,
    order: 'queue',
    ...(limit ? { limit } : {}),
  });
}

/** An agent takes a ticket from a queue for themselves. */
export async function claimTicket(
  scope: DeskScope,
  ticketId: string,
  agentId: string,
  actor: TicketActor,
): Promise<DeskResult<Ticket>> {
  const result = await assignTicket(scope, ticketId, { target: 'agent', agentId }, { actor });
  return result.ok ? { ok: true, value: result.value.ticket } : result;
}
