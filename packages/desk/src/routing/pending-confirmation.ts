import { text } from '@flowdesk/model';
import type { Job, StoreRepositories, Ticket, TicketActor } from '@flowdesk/store';
import {
  DEFAULT_PENDING_REMINDER_MINUTES,
  type DeskDeps,
  type DeskScope,
  nowIso,
  workspaceOf,
} from '../desk-deps.ts';
import { type DeskResult, fail, invalidTransition, notFound, ok } from '../desk-errors.ts';
import { writeInAppMessage } from '../notifications/in-app-inbox.ts';
import { recordCategoryCorrection } from '../tickets/category-corrections.ts';
import { applyTicketChange } from '../tickets/ticket-changes.ts';
import { allowedTransitions, canTransition } from '../tickets/ticket-status.ts';
import { assignTicket } from './routing-service.ts';

/** The durable job that reminds a person of a ticket still waiting for its category. */
export const CONFIRMATION_REMINDER_JOB = 'ticket.confirmation_reminder';
/** Where reminders go when the ticket has no team yet. */
export const TRIAGE_QUEUE = 'triage';

/**
 * Parks a ticket whose category is unclear as pending_confirmation and
 * schedules a reminder after `minutes` (default 10) in case nobody confirms it.
 */
export async function parkForConfirmation(
  scope: DeskScope,
  ticket: Ticket,
  options: { actor: TicketActor; minutes?: number; dedupeKey?: string },
): Promise<DeskResult<Ticket>> {
  if (ticket.status === 'pending_confirmation') return ok(ticket);
  if (!canTransition(ticket.status, 'pending_confirmation')) {
    return fail(invalidTransition(ticket.status, 'pending_confirmation', allowedTransitions(ticket.status)));
  }
  const parked = await applyTicketChange(
    scope,
    ticket,
    { status: 'pending_confirmation' },
    {
      actor: options.actor,
      events: [{ event: 'status_changed', status: 'pending_confirmation', previousStatus: ticket.status }],
      ...(options.dedupeKey ? { dedupeKey: options.dedupeKey } : {}),
    },
  );
  const now = nowIso(scope.deps);
  const minutes = options.minutes ?? scope.deps.pendingReminderMinutes ?? DEFAULT_PENDING_REMINDER_MINUTES;
  await scope.tx.jobs.enqueue({
    id: scope.deps.ids.next(),
    kind: CONFIRMATION_REMINDER_JOB,
    runAt: new Date(Date.parse(now) + minutes * 60_000).toISOString(),
    payload: { ticketId: ticket.id },
    idempotencyKey: `confirm:${ticket.id}:${now}`,
    now,
  });
  return ok(parked);
}

export type ReminderOutcome = { outcome: 'reminded'; to: string } | { outcome: 'stale' };

/**
 * Runs a confirmation reminder job: when the ticket still waits, writes an
 * in-app message for its team (or triage) in the job's transaction, linked to
 * the ticket; otherwise does nothing. (The outbox has no in-app sender: in-app
 * messages are FlowDesk's own data.)
 */
export async function handleConfirmationReminder(
  tx: StoreRepositories,
  job: Job,
  deps: DeskDeps,
): Promise<ReminderOutcome> {
  const ticketId = job.payload.ticketId;
  const ticket = typeof ticketId === 'string' ? await tx.tickets.get(ticketId) : null;
  if (ticket?.status !== 'pending_confirmation') return { outcome: 'stale' };
  const to = ticket.team ?? TRIAGE_QUEUE;
  const message = text(
    `工单 ${ticket.number}「${ticket.title}」的分类待确认，请尽快处理。`,
    `Ticket ${ticket.number} "${ticket.title}" is waiting for its category to be confirmed.`,
  );
  await writeInAppMessage(tx, {
    id: deps.ids.next(),
    workspaceId: workspaceOf(deps),
    recipientKind: 'team',
    recipientId: to,
    subject: `${ticket.number}`,
    body: `${message['zh-CN']}\n${message.en}`,
    idempotencyKey: `reminder:${job.id}`,
    ticketId: ticket.id,
    createdAt: nowIso(deps),
  });
  return { outcome: 'reminded', to };
}

/**
 * A person confirms (or corrects) the category: the ticket goes back to `new`
 * and, when it knows its team, is routed to the least-loaded agent. The
 * choice is kept as a classifier correction even when it matches the guess:
 * the model was unsure, and a person's answer is what it lacked.
 */
export async function confirmCategory(
  scope: DeskScope,
  ticketId: string,
  category: string,
  actor: TicketActor,
): Promise<DeskResult<Ticket>> {
  const ticket = await scope.tx.tickets.get(ticketId);
  if (!ticket) return fail(notFound('ticket', ticketId));
  if (ticket.status !== 'pending_confirmation') {
    return fail(invalidTransition(ticket.status, 'new', allowedTransitions(ticket.status)));
  }
  await recordCategoryCorrection(scope, ticket, category, actor);
  const confirmed = await applyTicketChange(
    scope,
    ticket,
    { status: 'new', category },
    { actor, events: [{ event: 'status_changed', status: 'new', previousStatus: 'pending_confirmation' }] },
  );
  if (!confirmed.team) return ok(confirmed);
  const routed = await assignTicket(
    scope,
    ticketId,
    { target: 'team', teamId: confirmed.team, strategy: 'least_loaded' },
    { actor },
  );
  return ok(routed.ok ? routed.value.ticket : confirmed);
}
