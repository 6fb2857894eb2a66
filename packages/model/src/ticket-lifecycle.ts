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

/** A resolved ticket says how it was solved, in a summary of at most this many characters. */
export const SOLUTION_MAX_LENGTH = 100;

/** What a status change needs besides the lifecycle: a solution summary when it resolves the ticket. */
export type SolutionCheck =
  | { readonly ok: true; readonly solution: string | null }
  | { readonly ok: false; readonly problem: 'solution_required' | 'solution_too_long' };

/**
 * The solution rule, beside the lifecycle table so the desk (live), the dry
 * run and the linter all apply it: moving a ticket to `resolved` from another
 * status needs a summary that is not blank and at most SOLUTION_MAX_LENGTH
 * characters (counted as characters, so 100 汉字 fit). Any other change, and
 * asking a resolved ticket to be resolved (a no-op), needs none. Gives the
 * summary trimmed, or null when none is needed.
 */
export function checkSolution(
  from: TicketStatus | undefined,
  to: TicketStatus,
  solution: string | undefined,
): SolutionCheck {
  if (to !== 'resolved' || from === 'resolved') return { ok: true, solution: null };
  const summary = solution?.trim() ?? '';
  if (summary === '') return { ok: false, problem: 'solution_required' };
  if (Array.from(summary).length > SOLUTION_MAX_LENGTH) return { ok: false, problem: 'solution_too_long' };
  return { ok: true, solution: summary };
}
