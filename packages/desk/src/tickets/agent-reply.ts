import type { Ticket, TicketActor } from '@flowdesk/store';
import { z } from 'zod';
import type { DeskScope } from '../desk-deps.ts';
import { type DeskResult, fail, noContact, notFound, ok } from '../desk-errors.ts';
import { type ReplyOrigin, routeReply } from '../notifications/reply-routing.ts';
import { recordAgentReply } from './ticket-update.ts';

/** Longest reply an agent may send, in UTF-16 units as zod counts them. */
export const AGENT_REPLY_MAX_LENGTH = 10_000;

/**
 * An agent's reply as the web app and the API send it. Both edges parse their
 * input with this schema, so they refuse alike; `replyToCustomer` takes what it
 * outputs (trimmed text).
 */
export const AgentReplySchema = z.strictObject({
  body: z.string().trim().min(1).max(AGENT_REPLY_MAX_LENGTH),
  /** Email subject; default `Re: [number] title`. */
  subject: z.string().trim().min(1).max(300).optional(),
});

export type AgentReplyInput = z.output<typeof AgentReplySchema>;

export interface AgentReplyOutcome {
  ticket: Ticket;
  /** True when the message was put in the outbox; false when it is only recorded on the ticket. */
  queued: boolean;
  channel: string;
}

/**
 * An agent answers the customer: the first response is recorded (SLA), the
 * text is kept in the ticket history, and the reply goes back on the ticket's
 * channel (see reply-routing.ts): into the chat conversation, as an email in
 * the customer's thread, as a WeChat customer-service message or an SMS to a
 * caller, all through the outbox after the caller's transaction commits. No
 * ticket event is emitted: there is no event kind for an agent's reply (flows
 * react to the customer's, `customer_replied`).
 */
export async function replyToCustomer(
  scope: DeskScope,
  ticketId: string,
  reply: AgentReplyInput,
  actor: TicketActor,
): Promise<DeskResult<AgentReplyOutcome>> {
  const current = await scope.tx.tickets.get(ticketId);
  if (!current) return fail(notFound('ticket', ticketId));
  const origin = await replyOriginOf(scope, current);
  // Refused before anything is written: an agent must not believe a reply went out that reached no one.
  if (!reachable(origin)) return fail(noContact(current.channel));
  const recorded = await recordAgentReply(scope, ticketId, actor);
  if (!recorded.ok) return recorded;
  const ticket = recorded.value;
  const now = scope.deps.clock.now();
  // The outbox job's id, and part of its delivery key, so a retried job is delivered once.
  const replyId = scope.deps.ids.next();
  await scope.tx.ticketHistory.append([
    {
      ticketId,
      at: now.toISOString(),
      actor,
      field: 'reply',
      from: null,
      to: reply.body,
      note: ticket.channel,
    },
  ]);
  const routed = await routeReply(
    scope.tx,
    { ...origin, ticketNumber: ticket.number, ticketTitle: ticket.title },
    {
      subject: threadSubject(reply.subject, ticket.number),
      body: reply.body,
      author: 'agent',
      key: `ticket-reply:${ticketId}:${replyId}`,
      now,
      answering: false,
    },
    async (job) => {
      await scope.tx.jobs.enqueue({ ...job, id: replyId, now: now.toISOString() });
    },
  );
  return ok({ ticket, queued: routed.queued, channel: ticket.channel });
}

/**
 * A subject of the agent's own (a message template's, say) still reads as a
 * reply carrying the ticket number: mail clients such as Gmail start a new
 * conversation when the subject changes, and the number is how the email
 * channel threads the customer's answer when their client drops In-Reply-To.
 */
export function threadSubject(subject: string | undefined, ticketNumber: string): string | undefined {
  if (!subject || subject.includes(ticketNumber)) return subject;
  return `Re: [${ticketNumber}] ${subject}`;
}

/**
 * Whether an agent's reply can reach the customer on the ticket's channel:
 * an email address, a phone for SMS, the WeChat account, or the chat
 * conversation. API requests have no way back; their replies are only
 * recorded, as before.
 */
export function reachable(origin: ReplyOrigin): boolean {
  switch (origin.channel) {
    case 'email':
      return Boolean(origin.email);
    case 'phone':
      return Boolean(origin.phone);
    case 'wechat':
      return Boolean(origin.channelId);
    case 'chat':
    case 'web_form':
      return origin.conversationId !== null;
    default:
      return true;
  }
}

/** Where the ticket's customer can be reached: its conversation, and the contacts on the customer's profile. */
export async function replyOriginOf(scope: DeskScope, ticket: Ticket): Promise<ReplyOrigin> {
  const conversation = await scope.tx.conversations.findByTicket(ticket.id);
  const profile = ticket.customerId ? await scope.tx.customers.get(ticket.customerId) : null;
  const identity = (kind: string) => profile?.identities.find((item) => item.kind === kind)?.value;
  return {
    channel: ticket.channel,
    conversationId: conversation?.id ?? null,
    // A caller or sender not yet identified as a customer is still reachable at the conversation's address.
    email:
      identity('email') ?? (ticket.channel === 'email' ? conversation?.customerKey : undefined) ?? undefined,
    phone:
      identity('phone') ?? (ticket.channel === 'phone' ? conversation?.customerKey : undefined) ?? undefined,
    channelId: conversation?.customerKey ?? identity(`channel:${ticket.channel}`),
  };
}
