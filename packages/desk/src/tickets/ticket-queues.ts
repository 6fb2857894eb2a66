import type { Ticket, TicketActor } from '@flowdesk/store';
import type { DeskScope } from '../desk-deps.ts';
import { alreadyClaimed, type DeskResult, fail, notClaimed, notFound, ok } from '../desk-errors.ts';
import { assignTicket } from '../routing/routing-service.ts';
import { applyTicketChange } from './ticket-changes.ts';
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

/**
 * An agent takes a ticket from a queue for themselves. A ticket another agent
 * holds is refused (never silently taken over): reassigning is a supervisor's
 * deliberate `assign`. Claiming one's own ticket again changes nothing.
 */
export async function claimTicket(
  scope: DeskScope,
  ticketId: string,
  agentId: string,
  actor: TicketActor,
): Promise<DeskResult<Ticket>> {
  const current = await scope.tx.tickets.get(ticketId);
  if (!current) return fail(notFound('ticket', ticketId));
  if (current.assignee && current.assignee !== agentId) {
    const holder = await scope.tx.agents.get(current.assignee);
    return fail(alreadyClaimed(current.number, holder?.name ?? current.assignee));
  }
  const result = await assignTicket(scope, ticketId, { target: 'agent', agentId }, { actor });
  return result.ok ? { ok: true, value: result.value.ticket } : result;
}

/**
 * The agent who holds a ticket hands it back to their team's queue: unassigned,
 * status kept (the lifecycle has no way back to `new`, and every open status
 * waits in a team queue), one unit of capacity given back. The routing does not
 * refill the agent at once, or it would hand them the same ticket again.
 */
export async function releaseTicket(
  scope: DeskScope,
  ticketId: string,
  agentId: string,
  actor: TicketActor,
): Promise<DeskResult<Ticket>> {
  const ticket = await scope.tx.tickets.get(ticketId);
  if (!ticket) return fail(notFound('ticket', ticketId));
  if (ticket.assignee !== agentId) return fail(notClaimed(ticket.number));
  const released = await applyTicketChange(scope, ticket, { assignee: null }, { actor });
  await scope.tx.agents.releaseCapacity(agentId);
  return ok(released);
}
