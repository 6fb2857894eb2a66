import { SOLUTION_MAX_LENGTH, type TicketStatus } from '@flowdesk/model';
import { type DeskError, solutionRequired, solutionTooLong } from '../desk-errors.ts';

// The lifecycle table and the solution rule live in the model, so the linter and the dry run read the same ones.
export { allowedTransitions, canTransition, SOLUTION_MAX_LENGTH, TICKET_TRANSITIONS } from '@flowdesk/model';

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

/** The desk's error for a status change the solution rule (checkSolution in the model) refuses. */
export function solutionRefusal(problem: 'solution_required' | 'solution_too_long'): DeskError {
  return problem === 'solution_required' ? solutionRequired() : solutionTooLong(SOLUTION_MAX_LENGTH);
}
