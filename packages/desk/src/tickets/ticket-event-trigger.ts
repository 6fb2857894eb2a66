import type { DataPatch } from '@flowdesk/engine';
import type { TicketEventKind, TicketStatus } from '@flowdesk/model';
import type { StoreRepositories } from '@flowdesk/store';
import type { DeskDeps } from '../desk-deps.ts';
import { customerData, ticketData } from '../desk-flow-data.ts';
import type { TicketEventPayload } from './ticket-events.ts';

/** The config of a `trigger.ticket_event` node, as its catalog schema parses it. */
export interface TicketEventTriggerConfig {
  events: readonly TicketEventKind[];
  statuses?: readonly TicketStatus[];
}

/** Whether a ticket event starts a flow with this trigger (statuses only filter status_changed). */
export function ticketEventMatches(config: TicketEventTriggerConfig, payload: TicketEventPayload): boolean {
  if (!config.events.includes(payload.event)) return false;
  if (payload.event !== 'status_changed' || !config.statuses || config.statuses.length === 0) return true;
  return payload.status !== undefined && config.statuses.includes(payload.status);
}

/**
 * The data a ticket_event flow starts with: the ticket and its customer as they
 * are now, and the event. Null when the ticket no longer exists.
 */
export async function ticketEventTriggerData(
  tx: StoreRepositories,
  payload: TicketEventPayload,
  deps: DeskDeps,
): Promise<DataPatch | null> {
  const ticket = await tx.tickets.get(payload.ticketId);
  if (!ticket) return null;
  const customer = ticket.customerId ? await tx.customers.get(ticket.customerId) : null;
  return {
    ticket: ticketData(ticket, deps),
    ...(customer ? { customer: customerData(customer, false) } : {}),
    event: {
      kind: payload.event,
      name: payload.event,
      receivedAt: payload.at,
      ...(payload.status ? { status: payload.status } : {}),
      ...(payload.previousStatus ? { previousStatus: payload.previousStatus } : {}),
      ...(payload.message !== undefined ? { message: payload.message } : {}),
      payload: { ...payload },
    },
  };
}
