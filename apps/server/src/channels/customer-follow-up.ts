import { type DeskScope, recordCustomerReply, reopenTicket } from '@flowdesk/desk';
import type { Ticket, TicketActor } from '@flowdesk/store';
import { DEFAULT_WORKSPACE_ID } from '../app-deps.ts';
import { valueOrThrow } from '../tickets/desk-app-error.ts';

/**
 * A customer's message that belongs to an existing ticket (an email reply in
 * the thread, a chat message after the ticket exists) is not a new request: it
 * joins the ticket's conversation and history, in the caller's transaction.
 *
 * - waiting_for_customer → in_progress, and a `customer_replied` ticket event
 *   (flows waiting for the customer's answer hear it), via the desk's
 *   recordCustomerReply;
 * - resolved → reopened (in_progress): "it is still broken" belongs on the
 *   same ticket, and the agent who resolved it gets it back;
 * - closed → not a follow-up (acceptsFollowUp is false): the caller starts a
 *   new request, because a closed ticket's numbers and survey are final.
 */

export interface CustomerFollowUp {
  ticket: Ticket;
  /** The request channel (`email`, `chat`…); also the history note. */
  channel: string;
  /** The conversation to append to; null → the ticket's, or a new one linked to it. */
  conversationId: string | null;
  /** Who the customer is on the channel (email address, visitor id), for a new conversation. */
  customerKey: string | null;
  body: string;
  /** Stable for this inbound message: a repeat appends nothing new. */
  messageId: string;
  /** The channel's id of the message (email Message-ID), for threading later replies. */
  externalId: string | null;
  now: Date;
}

export interface FollowUpOutcome {
  ticket: Ticket;
  conversationId: string;
  reopened: boolean;
}

export function acceptsFollowUp(ticket: Ticket): boolean {
  return ticket.status !== 'closed';
}

async function conversationFor(scope: DeskScope, input: CustomerFollowUp): Promise<string> {
  const { tx } = scope;
  if (input.conversationId && (await tx.conversations.get(input.conversationId))) return input.conversationId;
  const linked = await tx.conversations.findByTicket(input.ticket.id);
  if (linked) return linked.id;
  const at = input.now.toISOString();
  const created = await tx.conversations.create({
    id: scope.deps.ids.next(),
    workspaceId: DEFAULT_WORKSPACE_ID,
    channel: input.channel,
    customerKey: input.customerKey,
    ticketId: input.ticket.id,
    tokenHash: null,
    createdAt: at,
    updatedAt: at,
  });
  return created.id;
}

export async function recordCustomerFollowUp(
  scope: DeskScope,
  input: CustomerFollowUp,
): Promise<FollowUpOutcome> {
  const { tx } = scope;
  const actor: TicketActor = { kind: 'system', id: `channel:${input.channel}` };
  const at = input.now.toISOString();
  const conversationId = await conversationFor(scope, input);
  await tx.conversations.appendMessage({
    id: input.messageId,
    conversationId,
    direction: 'in',
    author: 'customer',
    body: input.body,
    externalId: input.externalId,
    createdAt: at,
  });
  await tx.ticketHistory.append([
    {
      ticketId: input.ticket.id,
      at,
      actor,
      field: 'customer_message',
      from: null,
      to: input.body,
      note: input.channel,
    },
  ]);
  const reopened = input.ticket.status === 'resolved';
  if (reopened) {
    valueOrThrow(await reopenTicket(scope, input.ticket.id, { actor, note: 'customer_replied' }));
  }
  const ticket = valueOrThrow(await recordCustomerReply(scope, input.ticket.id, input.body, actor));
  return { ticket, conversationId, reopened };
}
