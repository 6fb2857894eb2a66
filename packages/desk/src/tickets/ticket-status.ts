import type { TicketStatus } from '@flowdesk/model';

/**
 * The ticket lifecycle as data: which status may follow which. Reassigning a
 * ticket keeps its status, so `assigned → assigned` is not a transition.
 * Reopening takes a resolved or closed ticket back to in_progress.
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

/** Statuses in which nobody works on the ticket any more. */
export function isFinished(status: TicketStatus): boolean {
  return status === 'resolved' || status === 'closed';
}

/** Statuses a ticket waits in a team queue with: routed but not taken. */
export const QUEUED_STATUSES: readonly TicketStatus[] = [
  'new',
  'assigned',
  'in_progress',
  'waiting_for_customer',
];

export const SOLUTION_MAX_LENGTH = 100;
