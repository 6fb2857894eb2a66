import type { ExecutionState } from '@flowdesk/engine';
import { WAIT_SUBSCRIPTION_EVENTS, type WaitSubscription, type WaitSubscriptionEvent } from '@flowdesk/store';

/**
 * Which ticket event answers which "Wait for event": a customer's follow-up
 * answers `customer_reply`, any status change may answer `ticket_status`
 * (the engine checks the new status against the node's statuses).
 */
export const WAIT_EVENT_BY_TICKET_EVENT: Readonly<Record<string, WaitSubscriptionEvent>> = {
  customer_replied: 'customer_reply',
  status_changed: 'ticket_status',
};

function isTicketWaitEvent(name: string | undefined): name is WaitSubscriptionEvent {
  return (WAIT_SUBSCRIPTION_EVENTS as readonly string[]).includes(name ?? '');
}

/**
 * The subscription row an execution needs while it waits for an event on its
 * ticket (`data.ticket.id`), or null when it does not. A wait without a ticket
 * in the data has nothing to listen to and can only time out.
 */
export function ticketWaitSubscription(state: ExecutionState): WaitSubscription | null {
  const pending = state.pending;
  if (state.status !== 'waiting' || pending?.command.kind !== 'wait') return null;
  const event = pending.command.event?.name;
  if (!isTicketWaitEvent(event)) return null;
  const ticket = state.data.ticket as { id?: unknown } | undefined;
  if (typeof ticket?.id !== 'string' || ticket.id === '') return null;
  return {
    executionId: state.executionId,
    seq: pending.command.seq,
    event,
    key: ticket.id,
    createdAt: pending.issuedAt,
  };
}
