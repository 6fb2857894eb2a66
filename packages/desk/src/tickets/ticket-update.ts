import type { Priority } from '@flowdesk/model';
import type { JsonObject, Ticket, TicketActor, TicketNote, TicketPatch } from '@flowdesk/store';
import { type DeskScope, nowIso } from '../desk-deps.ts';
import { type DeskResult, fail, notFound, ok } from '../desk-errors.ts';
import { rescheduleSlaJobs } from '../sla/sla-clock.ts';
import { recordCategoryCorrection } from './category-corrections.ts';
import { applyTicketChange } from './ticket-changes.ts';
import { changeTicketStatus } from './ticket-lifecycle.ts';

export interface TicketFieldsInput {
  title?: string;
  category?: string | null;
  priority?: Priority;
  team?: string | null;
  addTags?: readonly string[];
  removeTags?: readonly string[];
  /** Merged into the existing custom fields. */
  customFields?: JsonObject;
}

/** Changes fields other than status and assignment, with history; a person's new category teaches the classifier. */
export async function updateTicketFields(
  scope: DeskScope,
  ticketId: string,
  input: TicketFieldsInput,
  options: { actor: TicketActor; note?: string },
): Promise<DeskResult<Ticket>> {
  const ticket = await scope.tx.tickets.get(ticketId);
  if (!ticket) return fail(notFound('ticket', ticketId));
  const patch: TicketPatch = {};
  if (input.title !== undefined) patch.title = input.title;
  if (input.category !== undefined) patch.category = input.category;
  if (input.priority !== undefined) patch.priority = input.priority;
  if (input.team !== undefined) patch.team = input.team;
  if (input.addTags || input.removeTags) {
    const removed = new Set(input.removeTags ?? []);
    patch.tags = [...new Set([...ticket.tags, ...(input.addTags ?? [])])].filter((tag) => !removed.has(tag));
  }
  if (input.customFields) patch.customFields = { ...ticket.customFields, ...input.customFields };
  if (input.category !== undefined && input.category !== ticket.category) {
    await recordCategoryCorrection(scope, ticket, input.category, options.actor);
  }
  return ok(
    await applyTicketChange(scope, ticket, patch, {
      actor: options.actor,
      ...(options.note ? { note: options.note } : {}),
    }),
  );
}

/**
 * Adds an internal note. With a note id derived from a flow step's key, a
 * repeated step finds its note instead of adding a second one.
 */
export async function addInternalNote(
  scope: DeskScope,
  ticketId: string,
  body: string,
  options: { actor: TicketActor; noteId?: string },
): Promise<DeskResult<TicketNote>> {
  const ticket = await scope.tx.tickets.get(ticketId);
  if (!ticket) return fail(notFound('ticket', ticketId));
  if (options.noteId) {
    const existing = await scope.tx.ticketNotes.get(options.noteId);
    if (existing?.ticketId === ticketId) return ok(existing);
  }
  return ok(
    await scope.tx.ticketNotes.add({
      id: options.noteId ?? scope.deps.ids.next(),
      ticketId,
      author: options.actor,
      body,
      at: nowIso(scope.deps),
    }),
  );
}

/** An agent answered the customer: the first-response target is met and its SLA jobs dropped. */
export async function recordAgentReply(
  scope: DeskScope,
  ticketId: string,
  actor: TicketActor,
): Promise<DeskResult<Ticket>> {
  const ticket = await scope.tx.tickets.get(ticketId);
  if (!ticket) return fail(notFound('ticket', ticketId));
  if (ticket.firstRespondedAt !== null) return ok(ticket);
  const updated = await applyTicketChange(scope, ticket, { firstRespondedAt: nowIso(scope.deps) }, { actor });
  return ok(await rescheduleSlaJobs(scope, updated));
}

/**
 * The customer wrote back: emits customer_replied and, when the ticket was
 * waiting for them, puts it back in progress (which restarts the SLA clock).
 */
export async function recordCustomerReply(
  scope: DeskScope,
  ticketId: string,
  message: string,
  actor: TicketActor,
): Promise<DeskResult<Ticket>> {
  const ticket = await scope.tx.tickets.get(ticketId);
  if (!ticket) return fail(notFound('ticket', ticketId));
  const current =
    ticket.status === 'waiting_for_customer'
      ? await changeTicketStatus(scope, ticketId, 'in_progress', { actor })
      : ok(ticket);
  if (!current.ok) return current;
  const updated = await applyTicketChange(
    scope,
    current.value,
    {},
    {
      actor,
      events: [{ event: 'customer_replied', message }],
    },
  );
  return ok(updated);
}
