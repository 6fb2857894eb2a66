import { checkSolution, type TicketStatus } from '@flowdesk/model';
import type { Ticket, TicketActor, TicketPatch } from '@flowdesk/store';
import { type DeskScope, nowIso } from '../desk-deps.ts';
import { type DeskResult, fail, invalidTransition, notFound, ok } from '../desk-errors.ts';
import { releaseCapacity } from '../routing/routing-service.ts';
import { pausePatch, rescheduleSlaJobs, resumePatch, stopPatch } from '../sla/sla-clock.ts';
import { applyTicketChange } from './ticket-changes.ts';
import { allowedTransitions, canTransition, isFinished, solutionRefusal } from './ticket-status.ts';

export interface StatusChangeOptions {
  actor: TicketActor;
  /** Required when resolving: at most 100 characters. */
  solution?: string;
  note?: string;
  dedupeKey?: string;
}

/** Statuses that show the customer an agent has answered them. */
const ANSWERING: readonly TicketStatus[] = ['waiting_for_customer', 'resolved'];

async function slaPatchFor(
  scope: DeskScope,
  ticket: Ticket,
  to: TicketStatus,
  now: string,
): Promise<TicketPatch> {
  if (to === 'waiting_for_customer') return pausePatch(ticket, now);
  if (isFinished(to)) return stopPatch(ticket, now);
  if (ticket.status === 'waiting_for_customer' || isFinished(ticket.status))
    return resumePatch(scope, ticket, now);
  return {};
}

/**
 * Moves a ticket along its lifecycle. Refuses transitions the lifecycle does
 * not allow (with the allowed ones, for a 409), keeps the SLA clock in step
 * (paused while waiting for the customer, stopped when resolved, shifted on
 * resume), frees the agent's capacity when the work ends, and records history
 * and a status_changed event. Asking for the status it already has is a no-op.
 */
export async function changeTicketStatus(
  scope: DeskScope,
  ticketId: string,
  to: TicketStatus,
  options: StatusChangeOptions,
): Promise<DeskResult<Ticket>> {
  const ticket = await scope.tx.tickets.get(ticketId);
  if (!ticket) return fail(notFound('ticket', ticketId));
  if (ticket.status === to) return ok(ticket);
  if (!canTransition(ticket.status, to)) {
    return fail(invalidTransition(ticket.status, to, allowedTransitions(ticket.status)));
  }
  const now = nowIso(scope.deps);
  const patch: TicketPatch = { status: to };
  // The same rule the dry run and the linter apply (checkSolution in @flowdesk/model).
  const solution = checkSolution(ticket.status, to, options.solution);
  if (!solution.ok) return fail(solutionRefusal(solution.problem));
  if (to === 'resolved') {
    if (solution.solution !== null) patch.solution = solution.solution;
    patch.resolvedAt = now;
  }
  if (to === 'closed') patch.closedAt = now;
  const reopening = isFinished(ticket.status) && !isFinished(to);
  if (reopening) Object.assign(patch, { resolvedAt: null, closedAt: null });
  if (ANSWERING.includes(to) && ticket.firstRespondedAt === null) patch.firstRespondedAt = now;

  const sla = await slaPatchFor(scope, { ...ticket, ...patch, status: ticket.status }, to, now);
  const updated = await applyTicketChange(
    scope,
    ticket,
    { ...patch, ...sla },
    {
      actor: options.actor,
      ...(options.note ? { note: options.note } : {}),
      events: [{ event: 'status_changed', status: to, previousStatus: ticket.status }],
      ...(options.dedupeKey ? { dedupeKey: options.dedupeKey } : {}),
    },
  );
  const clockMoved = Object.keys(sla).length > 0 || patch.firstRespondedAt !== undefined;
  const final = clockMoved ? await rescheduleSlaJobs(scope, updated) : updated;

  if (ticket.assignee && isFinished(to) && !isFinished(ticket.status)) {
    await releaseCapacity(scope, ticket.assignee);
  }
  if (ticket.assignee && reopening) {
    // The agent who resolved it takes it back, even when that puts them over capacity.
    await scope.tx.agents.claimCapacity(ticket.assignee, now, { ignoreLimit: true });
  }
  return ok(final);
}

export function resolveTicket(
  scope: DeskScope,
  ticketId: string,
  solution: string,
  options: Omit<StatusChangeOptions, 'solution'>,
): Promise<DeskResult<Ticket>> {
  return changeTicketStatus(scope, ticketId, 'resolved', { ...options, solution });
}

export function closeTicket(scope: DeskScope, ticketId: string, options: StatusChangeOptions) {
  return changeTicketStatus(scope, ticketId, 'closed', options);
}

/** Resolved or closed → in_progress; anything else is refused with the allowed transitions. */
export async function reopenTicket(
  scope: DeskScope,
  ticketId: string,
  options: StatusChangeOptions,
): Promise<DeskResult<Ticket>> {
  const ticket = await scope.tx.tickets.get(ticketId);
  if (!ticket) return fail(notFound('ticket', ticketId));
  if (!isFinished(ticket.status)) {
    return fail(invalidTransition(ticket.status, 'in_progress', allowedTransitions(ticket.status)));
  }
  return changeTicketStatus(scope, ticketId, 'in_progress', options);
}
