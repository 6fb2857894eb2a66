import type { JsonValue, Ticket, TicketActor, TicketHistoryEntry, TicketPatch } from '@flowdesk/store';
import { type DeskScope, nowIso } from '../desk-deps.ts';
import { emitTicketEvent, type TicketEventInput } from './ticket-events.ts';

/** Fields whose changes the history shows; clock bookkeeping (pausedMs, slaRevision…) is left out. */
const TRACKED_FIELDS = [
  'title',
  'description',
  'channel',
  'category',
  'priority',
  'status',
  'team',
  'assignee',
  'customerId',
  'customFields',
  'tags',
  'solution',
  'firstResponseDueAt',
  'resolutionDueAt',
  'firstRespondedAt',
  'slaState',
] as const satisfies ReadonlyArray<keyof Ticket>;

export interface ChangeOptions {
  actor: TicketActor;
  /** Why, shown beside each history entry of this change. */
  note?: string;
  events?: TicketEventInput[];
  /** The flow step's idempotency key: a repeated step enqueues its events once. */
  dedupeKey?: string;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function diffTicket(
  before: Ticket,
  after: Ticket,
): Array<{ field: string; from: JsonValue; to: JsonValue }> {
  return TRACKED_FIELDS.filter((field) => !same(before[field], after[field])).map((field) => ({
    field,
    from: (before[field] ?? null) as JsonValue,
    to: (after[field] ?? null) as JsonValue,
  }));
}

/**
 * The one way desk services change a ticket: saves the patch, writes a history
 * entry per changed field with who did it, and enqueues the ticket events, all
 * in the caller's transaction.
 */
export async function applyTicketChange(
  scope: DeskScope,
  ticket: Ticket,
  patch: TicketPatch,
  options: ChangeOptions,
): Promise<Ticket> {
  const at = nowIso(scope.deps);
  const updated = await scope.tx.tickets.update(ticket.id, { ...patch, updatedAt: at });
  if (!updated) throw new Error(`ticket ${ticket.id} disappeared inside its transaction`);
  await recordHistory(scope, ticket, updated, options.actor, options.note);
  for (const event of options.events ?? [])
    await emitTicketEvent(scope, updated, event, options.dedupeKey, options.actor);
  return updated;
}

export async function recordHistory(
  scope: DeskScope,
  before: Ticket,
  after: Ticket,
  actor: TicketActor,
  note?: string,
): Promise<void> {
  const at = nowIso(scope.deps);
  const entries: TicketHistoryEntry[] = diffTicket(before, after).map((change) => ({
    ticketId: after.id,
    at,
    actor,
    ...change,
    ...(note ? { note } : {}),
  }));
  if (entries.length > 0) await scope.tx.ticketHistory.append(entries);
}
