import type { InboundMail } from '@flowdesk/connectors';
import type { StoreRepositories, Ticket } from '@flowdesk/store';
import { DEFAULT_WORKSPACE_ID } from '../../app-deps.ts';

/**
 * Which existing ticket an incoming mail answers, if any:
 *
 * 1. In-Reply-To, then References (newest first), matched against the
 *    Message-IDs stored on the email conversations: the customer's own earlier
 *    mails by their full id, our replies by the local part of the id we sent
 *    (`<digest@domain>`; the digest is what reply-routing.ts stores, so a
 *    change of the From domain does not break open threads);
 * 2. else a ticket number in the subject (`Re: [CS20261122001] …`), but only
 *    when the sender is that ticket's customer: ticket numbers are easy to
 *    guess, and a stranger must not be able to write into someone's ticket.
 */

export interface ThreadTarget {
  ticket: Ticket;
  /** The conversation the matched message is in; null when found by the subject. */
  conversationId: string | null;
  /** How it was found, for the log. */
  by: 'message_id' | 'subject';
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

async function byMessageIds(tx: Repos, mail: InboundMail): Promise<ThreadTarget | null> {
  const ids = [mail.inReplyTo, ...[...mail.references].reverse()].filter(
    (id): id is string => typeof id === 'string' && id !== '',
  );
  for (const id of [...new Set(ids)].slice(0, 30)) {
    for (const form of idForms(id)) {
      const message = await tx.conversations.findMessageByExternalId(DEFAULT_WORKSPACE_ID, 'email', form);
      if (!message) continue;
      const conversation = await tx.conversations.get(message.conversationId);
      const ticket = conversation?.ticketId ? await tx.tickets.get(conversation.ticketId) : null;
      if (ticket && conversation) return { ticket, conversationId: conversation.id, by: 'message_id' };
    }
  }
  return null;
}

async function isTicketCustomer(tx: Repos, ticket: Ticket, sender: string): Promise<boolean> {
  const conversation = await tx.conversations.findByTicket(ticket.id);
  if (conversation?.channel === 'email' && conversation.customerKey?.toLowerCase() === sender) return true;
  const profile = ticket.customerId ? await tx.customers.get(ticket.customerId) : null;
  return (
    profile?.identities.some(
      (identity) => identity.kind === 'email' && identity.value.toLowerCase() === sender,
    ) ?? false
  );
}

async function bySubject(tx: Repos, mail: InboundMail): Promise<ThreadTarget | null> {
  const sender = mail.from?.address.toLowerCase();
  if (!sender) return null;
  for (const [number] of mail.subject.matchAll(TICKET_NUMBER_RE)) {
    const ticket = await tx.tickets.getByNumber(number);
    if (ticket && (await isTicketCustomer(tx, ticket, sender))) {
      return { ticket, conversationId: null, by: 'subject' };
    }
  }
  return null;
}

export async function findThreadTarget(tx: Repos, mail: InboundMail): Promise<ThreadTarget | null> {
  return (await byMessageIds(tx, mail)) ?? (await bySubject(tx, mail));
}
