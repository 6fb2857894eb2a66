import type { Ticket, TicketActor } from '@flowdesk/store';
import { type DeskScope, nowIso } from '../desk-deps.ts';

/**
 * Keeps a person's choice of a ticket's category as a classifier correction,
 * in the caller's transaction, so the Classify node's model learns from it.
 * Only people teach the model: a flow or the system setting a category is the
 * model's own opinion. A ticket without text teaches nothing.
 */
export async function recordCategoryCorrection(
  scope: DeskScope,
  ticket: Ticket,
  toLabel: string | null,
  actor: TicketActor,
): Promise<void> {
  if (actor.kind !== 'user' || toLabel === null || ticket.description.trim() === '') return;
  await scope.tx.classifierCorrections.add({
    id: scope.deps.ids.next(),
    workspaceId: ticket.workspaceId,
    text: ticket.description,
    fromLabel: ticket.category,
    toLabel,
    ticketId: ticket.id,
    by: actor.id,
    at: nowIso(scope.deps),
  });
}
