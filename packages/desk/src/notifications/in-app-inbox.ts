import type { FlowData } from '@flowdesk/engine';
import type { InAppMessage, InboxRecipientKind, StoreRepositories } from '@flowdesk/store';

/** Who gets an in-app message: the ticket's assignee, or its team when nobody is assigned (or asked for). */
export function inboxRecipient(
  to: 'customer' | 'assignee' | 'team' | 'address',
  data: FlowData,
): { kind: InboxRecipientKind; id: string } | null {
  const assignee =
    typeof data.ticket?.assignee === 'string' && data.ticket.assignee ? data.ticket.assignee : null;
  const team = typeof data.ticket?.team === 'string' && data.ticket.team ? data.ticket.team : null;
  if (to !== 'team' && assignee) return { kind: 'agent', id: assignee };
  return team ? { kind: 'team', id: team } : null;
}

/**
 * In-app messages are FlowDesk's own data, so they are written in the step's
 * transaction rather than through the outbox; the idempotency key keeps a
 * repeated step from writing a second copy.
 */
export function writeInAppMessage(
  tx: StoreRepositories,
  message: Omit<InAppMessage, 'readAt'>,
): Promise<InAppMessage> {
  return tx.inAppMessages.create(message);
}
