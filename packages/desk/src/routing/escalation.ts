import type { Ticket, TicketActor } from '@flowdesk/store';
import { type DeskScope, nowIso } from '../desk-deps.ts';
import { type DeskResult, fail, invalidTransition, notFound, ok } from '../desk-errors.ts';
import { applyTicketChange } from '../tickets/ticket-changes.ts';
import { allowedTransitions, isFinished } from '../tickets/ticket-status.ts';
import { raisePriority } from './agent-picker.ts';
import { assignTicket, releaseCapacity } from './routing-service.ts';

export interface EscalateInput {
  /** `supervisor` means the supervisor queue of the ticket's team; anything else is a team id. */
  queue: string;
  reason: string;
  raisePriority: boolean;
}

export const SUPERVISOR_QUEUE = 'supervisor';
export const ESCALATED_TAG = 'escalated';

/**
 * Moves the ticket to an escalation queue with the reason as an internal note,
 * raising its priority one level when asked. A supervisor with room takes it at
 * once; otherwise it waits at the front of that queue by priority. A repeated
 * flow step (same dedupeKey) finds its note and changes nothing more.
 */
export async function escalateTicket(
  scope: DeskScope,
  ticketId: string,
  input: EscalateInput,
  options: { actor: TicketActor; dedupeKey?: string },
): Promise<DeskResult<{ ticket: Ticket; queue: string }>> {
  const ticket = await scope.tx.tickets.get(ticketId);
  if (!ticket) return fail(notFound('ticket', ticketId));
  if (isFinished(ticket.status)) {
    return fail(invalidTransition(ticket.status, 'assigned', allowedTransitions(ticket.status)));
  }
  const noteId = options.dedupeKey ? `escalation:${options.dedupeKey}` : scope.deps.ids.next();
  const notes = options.dedupeKey ? await scope.tx.ticketNotes.list(ticket.id) : [];
  if (notes.some((note) => note.id === noteId)) return ok({ ticket, queue: ticket.team ?? input.queue });

  const team = ticket.team ? await scope.tx.teams.get(ticket.team) : null;
  const queue = input.queue === SUPERVISOR_QUEUE ? (team?.supervisorQueue ?? SUPERVISOR_QUEUE) : input.queue;
  const previous = ticket.assignee;
  const escalated = await applyTicketChange(
    scope,
    ticket,
    {
      team: queue,
      assignee: null,
      priority: input.raisePriority ? raisePriority(ticket.priority) : ticket.priority,
      tags: ticket.tags.includes(ESCALATED_TAG) ? ticket.tags : [...ticket.tags, ESCALATED_TAG],
    },
    {
      actor: options.actor,
      note: input.reason,
      events: [{ event: 'assigned', assignee: null, team: queue }],
      ...(options.dedupeKey ? { dedupeKey: options.dedupeKey } : {}),
    },
  );
  await scope.tx.ticketNotes.add({
    id: noteId,
    ticketId: ticket.id,
    author: options.actor,
    body: input.reason,
    at: nowIso(scope.deps),
  });
  if (previous) await releaseCapacity(scope, previous);
  if (!(await scope.tx.teams.get(queue))) return ok({ ticket: escalated, queue });
  const routed = await assignTicket(
    scope,
    ticket.id,
    { target: 'team', teamId: queue, strategy: 'least_loaded' },
    { actor: options.actor },
  );
  return ok({ ticket: routed.ok ? routed.value.ticket : escalated, queue });
}
