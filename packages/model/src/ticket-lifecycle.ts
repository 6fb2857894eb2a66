import type { TicketStatus } from './vocabulary.ts';

/**
 * The ticket lifecycle as data: which status may follow which. The desk
 * enforces it on every status change (live runs, agents, the API), the dry run
 * refuses what the desk would refuse, and the linter flags a flow step that
 * asks for a change the ticket cannot make; all three read this one table.
 * Reassigning a ticket keeps its status, so `assigned → assigned` is not a
 * transition. Reopening takes a resolved or closed ticket back to in_progress.
 */
export const TICKET_TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  new: ['pending_confirmation', 'assigned', 'in_progress', 'resolved', 'closed'],
  pending_confirmation: ['new', 'assigned', 'in_progress', 'closed'],
  assigned: ['in_progress', 'waiting_for_customer', 'resolved', 'closed'],
  in_progress: ['assigned', 'waiting_for_customer', 'resolved', 'closed'],
  waiting_for_customer: ['in_progress', 'resolved', 'closed'],
  resolved: ['closed', 'in_progress'],
  closed: ['in_progress'],
};

export function allowedTransitions(from: TicketStatus): TicketStatus[] {
  return [...TICKET_TRANSITIONS[from]];
}

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return TICKET_TRANSITIONS[from].includes(to);
}

/**
 * Whether asking a ticket in `from` for `to` goes through: the status it
 * already has is a no-op, anything else must be a transition of the lifecycle.
 */
export function acceptsStatusChange(from: TicketStatus, to: TicketStatus): boolean {
  return from === to || canTransition(from, to);
}
