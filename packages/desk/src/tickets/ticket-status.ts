import type { TicketStatus } from '@flowdesk/model';

// The lifecycle table lives in the model, so the linter and the dry run read the same one.
export { allowedTransitions, canTransition, TICKET_TRANSITIONS } from '@flowdesk/model';

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
