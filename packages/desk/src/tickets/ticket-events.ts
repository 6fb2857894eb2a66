import type { TicketEventKind, TicketStatus } from '@flowdesk/model';
import type { JsonObject, Ticket, TicketActor } from '@flowdesk/store';
import { type DeskScope, nowIso } from '../desk-deps.ts';

/** The durable job kind that carries ticket events to the runtime (which starts ticket_event flows). */
export const TICKET_EVENT_JOB = 'ticket.event';

/**
 * The payload of a `ticket.event` job. `status`/`previousStatus` are set for
 * status_changed (and `status` for every event, as the ticket's status then);
 * `assignee` for assigned; `message` for customer_replied; `target` for the
 * SLA events (which clock: first response or resolution).
 */
export interface TicketEventPayload {
  ticketId: string;
  ticketNumber: string;
  workspaceId: string;
  event: TicketEventKind;
  at: string;
  status?: TicketStatus;
  previousStatus?: TicketStatus;
  assignee?: string | null;
  team?: string | null;
  message?: string;
  target?: 'first_response' | 'resolution';
  /** Who caused the change: lets the runtime keep a flow from re-triggering itself. */
  actor?: TicketActor;
}

export type TicketEventInput = Omit<TicketEventPayload, 'ticketId' | 'ticketNumber' | 'workspaceId' | 'at'>;

/**
 * Enqueues the event in the caller's transaction, so it exists exactly when the
 * change does. `dedupeKey` makes a repeated step enqueue it once.
 */
export async function emitTicketEvent(
  scope: DeskScope,
  ticket: Ticket,
  input: TicketEventInput,
  dedupeKey?: string,
  actor?: TicketActor,
): Promise<void> {
  if (scope.deps.listensTo && !scope.deps.listensTo(input.event)) return;
  const at = nowIso(scope.deps);
  const payload: TicketEventPayload = {
    ticketId: ticket.id,
    ticketNumber: ticket.number,
    workspaceId: ticket.workspaceId,
    at,
    status: ticket.status,
    ...input,
    ...(actor ? { actor } : {}),
  };
  await scope.tx.jobs.enqueue({
    id: scope.deps.ids.next(),
    kind: TICKET_EVENT_JOB,
    runAt: at,
    payload: payload as unknown as JsonObject,
    idempotencyKey: dedupeKey ? `ticket-event:${dedupeKey}:${input.event}` : null,
    now: at,
  });
}

/** Reads a job payload back; null when it is not a ticket event. */
export function parseTicketEventPayload(payload: JsonObject): TicketEventPayload | null {
  return typeof payload.ticketId === 'string' && typeof payload.event === 'string'
    ? (payload as unknown as TicketEventPayload)
    : null;
}
