import type { InboundMail } from '@flowdesk/connectors';
import type { Conversation, StoreRepositories, Ticket } from '@flowdesk/store';
import { DEFAULT_WORKSPACE_ID } from '../../app-deps.ts';

/**
 * Which existing ticket an incoming mail answers, if any:
 *
 * 1. In-Reply-To, then References (newest first), matched against the
 *    Message-IDs stored on the email conversations: the customer's own earlier
 *    mails by their full id, our replies by the local part of the id we sent
 *    (`<digest@domain>`; the digest is what reply-routing.ts stores, so a
 *    change of the From domain does not break open threads);
 * 2. else a ticket number in the subject (`Re: [CS20261122001] …`).
 *
 * Either way only when the sender is that ticket's customer (the address the
 * conversation is with, or any email identity of the ticket's customer):
 * ticket numbers are easy to guess, Message-IDs travel in every Cc'd copy, and
 * a stranger must not be able to write into someone's ticket. A mail that
 * refers to a ticket it may not join starts a new request, which carries the
 * ticket number so an agent sees the mention.
 */

export interface ThreadTarget {
  ticket: Ticket;
  /** The conversation the matched message is in; null when found by the subject. */
  conversationId: string | null;
  /** How it was found, for the log. */
  by: 'message_id' | 'subject';
}

export interface ThreadLookup {
  /** The ticket the mail joins; null when it starts a new request. */
  target: ThreadTarget | null;
  /** The first ticket the mail refers to but whose customer did not send it. */
  mentioned: string | null;
}

type Repos = Pick<StoreRepositories, 'conversations' | 'tickets' | 'customers'>;

/** Our outgoing ids' local part: messageIdDigest() is 32 hex characters. */
const DIGEST_RE = /^[0-9a-f]{32}$/;
/** `CS` + YYYYMMDD + a daily serial of at least three digits (packages/desk ticket-number.ts). */
const TICKET_NUMBER_RE = /(?<![A-Za-z0-9])CS\d{8}\d{3,}(?![0-9])/g;

function idForms(messageId: string): string[] {
  const local = /^<?([^@>]+)@/.exec(messageId)?.[1];
  return local && DIGEST_RE.test(local) ? [messageId, local] : [messageId];
}

async function byMessageIds(tx: Repos, mail: InboundMail, sender: string, lookup: ThreadLookup) {
  const ids = [mail.inReplyTo, ...[...mail.references].reverse()].filter(
    (id): id is string => typeof id === 'string' && id !== '',
  );
  for (const id of [...new Set(ids)].slice(0, 30)) {
    for (const form of idForms(id)) {
      const message = await tx.conversations.findMessageByExternalId(DEFAULT_WORKSPACE_ID, 'email', form);
      if (!message) continue;
      const conversation = await tx.conversations.get(message.conversationId);
      const ticket = conversation?.ticketId ? await tx.tickets.get(conversation.ticketId) : null;
      if (!ticket || !conversation) continue;
      if (await isTicketCustomer(tx, ticket, sender, conversation)) {
        lookup.target = { ticket, conversationId: conversation.id, by: 'message_id' };
        return;
      }
      lookup.mentioned ??= ticket.number;
    }
  }
}

function isWith(conversation: Conversation | null, sender: string): boolean {
  return conversation?.channel === 'email' && conversation.customerKey?.toLowerCase() === sender;
}

async function isTicketCustomer(
  tx: Repos,
  ticket: Ticket,
  sender: string,
  matched: Conversation | null = null,
): Promise<boolean> {
  if (isWith(matched, sender) || isWith(await tx.conversations.findByTicket(ticket.id), sender)) return true;
  const profile = ticket.customerId ? await tx.customers.get(ticket.customerId) : null;
  return (
    profile?.identities.some(
      (identity) => identity.kind === 'email' && identity.value.toLowerCase() === sender,
    ) ?? false
  );
}

async function bySubject(tx: Repos, mail: InboundMail, sender: string, lookup: ThreadLookup) {
  for (const [number] of [...mail.subject.matchAll(TICKET_NUMBER_RE)].slice(0, 10)) {
    const ticket = await tx.tickets.getByNumber(number);
    if (!ticket) continue;
    if (await isTicketCustomer(tx, ticket, sender)) {
      lookup.target = { ticket, conversationId: null, by: 'subject' };
      return;
    }
    lookup.mentioned ??= ticket.number;
  }
}

export async function findThreadTarget(tx: Repos, mail: InboundMail): Promise<ThreadLookup> {
  const lookup: ThreadLookup = { target: null, mentioned: null };
  const sender = mail.from?.address.toLowerCase();
  // A mail without a sender can belong to no one's ticket, whatever it refers to.
  if (!sender) return lookup;
  await byMessageIds(tx, mail, sender, lookup);
  if (!lookup.target) await bySubject(tx, mail, sender, lookup);
  return lookup;
}
