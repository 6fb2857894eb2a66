import {
  type AssignTarget,
  addInternalNote,
  allowedTransitions,
  assignTicket,
  type CustomerView,
  changeTicketStatus,
  claimTicket,
  confirmCategory,
  type DeskDeps,
  type DeskScope,
  listAgentQueue,
  listOverdue,
  listTeamQueue,
  maskCustomer,
  type ReplyOrigin,
  recordAgentReply,
  reopenTicket,
  resolveTicket,
  routeReply,
  updateTicketFields,
} from '@flowdesk/desk';
import type { Priority, TicketStatus } from '@flowdesk/model';
import type { Ticket, TicketActor, TicketHistoryEntry, TicketNote, UserRole } from '@flowdesk/store';
import { type AppServices, DEFAULT_WORKSPACE_ID } from '../app-deps.ts';
import { AppError } from '../http/app-error.ts';
import { valueOrThrow } from './desk-app-error.ts';

/**
 * What an agent does to tickets, shared by the tRPC router and the REST
 * routes so both answer alike. Each action runs in one store transaction with
 * the desk service that records history and queues the ticket event.
 */

/** Who acts: the history actor, and the role that decides what they may see. */
export interface Acting {
  actor: TicketActor;
  role: UserRole;
}

/** Roles that read internal notes; customers never see them and neither do flow editors. */
export const ROLES_SEEING_NOTES: readonly UserRole[] = ['admin', 'agent'];

export function deskDepsOf(services: AppServices): DeskDeps & { workspaceId: string } {
  return { clock: services.clock, ids: services.ids, workspaceId: DEFAULT_WORKSPACE_ID };
}

export function inDesk<T>(services: AppServices, work: (scope: DeskScope) => Promise<T>): Promise<T> {
  const deps = deskDepsOf(services);
  return services.store.transaction((tx) => work({ tx, deps }));
}

export interface TicketDetail {
  ticket: Ticket;
  /** Where the lifecycle lets the ticket go next, for the buttons the web app shows. */
  allowedTransitions: TicketStatus[];
  history: TicketHistoryEntry[];
  /** Absent for roles that may not read internal notes. */
  notes?: TicketNote[];
  customer: CustomerView | null;
}

export async function ticketDetail(services: AppServices, id: string, role: UserRole): Promise<TicketDetail> {
  const { store } = services;
  const ticket = await store.tickets.get(id);
  if (!ticket) throw new AppError('not_found', 'desk_not_found', notFoundParams(id));
  const profile = ticket.customerId ? await store.customers.get(ticket.customerId) : null;
  return {
    ticket,
    allowedTransitions: allowedTransitions(ticket.status),
    history: await store.ticketHistory.list(id),
    ...(ROLES_SEEING_NOTES.includes(role) ? { notes: await store.ticketNotes.list(id) } : {}),
    customer: profile ? maskCustomer(profile, role) : null,
  };
}

export function notFoundParams(id: string) {
  return {
    params: { zh: `工单 ${id} 不存在`, en: `Ticket ${id} does not exist` },
    extra: { reason: 'desk.not_found', what: 'ticket', id },
  };
}

export function agentQueue(services: AppServices, agentId: string, limit?: number): Promise<Ticket[]> {
  return inDesk(services, (scope) => listAgentQueue(scope, agentId, limit));
}

export function teamQueue(services: AppServices, teamId: string, limit?: number): Promise<Ticket[]> {
  return inDesk(services, (scope) => listTeamQueue(scope, teamId, limit));
}

/** Open tickets past a due time with their clock running, earliest resolution due first. */
export function overdue(services: AppServices, limit?: number): Promise<Ticket[]> {
  return inDesk(services, (scope) => listOverdue(scope.tx, scope.deps, limit));
}

export function claim(services: AppServices, id: string, agentId: string, acting: Acting): Promise<Ticket> {
  return inDesk(services, async (scope) => valueOrThrow(await claimTicket(scope, id, agentId, acting.actor)));
}

export async function changeStatus(
  services: AppServices,
  id: string,
  input: { status: TicketStatus; note?: string | undefined; solution?: string | undefined },
  acting: Acting,
): Promise<Ticket> {
  return inDesk(services, async (scope) =>
    valueOrThrow(
      await changeTicketStatus(scope, id, input.status, {
        actor: acting.actor,
        ...(input.note ? { note: input.note } : {}),
        ...(input.solution === undefined ? {} : { solution: input.solution }),
      }),
    ),
  );
}

export function changePriority(
  services: AppServices,
  id: string,
  priority: Priority,
  acting: Acting,
): Promise<Ticket> {
  return inDesk(services, async (scope) =>
    valueOrThrow(await updateTicketFields(scope, id, { priority }, { actor: acting.actor })),
  );
}

/** A person hands the ticket to a chosen agent, or to a team by its routing strategy. */
export function assign(
  services: AppServices,
  id: string,
  target: AssignTarget,
  acting: Acting,
): Promise<Ticket> {
  return inDesk(services, async (scope) => {
    const outcome = valueOrThrow(await assignTicket(scope, id, target, { actor: acting.actor }));
    return outcome.ticket;
  });
}

/**
 * A person sets the category. A ticket parked for confirmation is confirmed
 * (back to `new` and routed); any other just changes. Either way the choice is
 * kept as a classifier correction in the same transaction.
 */
export function changeCategory(
  services: AppServices,
  id: string,
  category: string,
  acting: Acting,
): Promise<Ticket> {
  return inDesk(services, async (scope) => {
    const ticket = await scope.tx.tickets.get(id);
    if (ticket?.status === 'pending_confirmation') {
      return valueOrThrow(await confirmCategory(scope, id, category, acting.actor));
    }
    return valueOrThrow(await updateTicketFields(scope, id, { category }, { actor: acting.actor }));
  });
}

export function addNote(
  services: AppServices,
  id: string,
  body: string,
  acting: Acting,
): Promise<TicketNote> {
  return inDesk(services, async (scope) =>
    valueOrThrow(await addInternalNote(scope, id, body, { actor: acting.actor })),
  );
}

export function resolve(
  services: AppServices,
  id: string,
  solution: string,
  acting: Acting,
): Promise<Ticket> {
  return inDesk(services, async (scope) =>
    valueOrThrow(await resolveTicket(scope, id, solution, { actor: acting.actor })),
  );
}

export function reopen(
  services: AppServices,
  id: string,
  note: string | undefined,
  acting: Acting,
): Promise<Ticket> {
  return inDesk(services, async (scope) =>
    valueOrThrow(await reopenTicket(scope, id, { actor: acting.actor, ...(note ? { note } : {}) })),
  );
}

export interface ReplyOutcome {
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
 * caller, all through the outbox after commit.
 */
export function reply(
  services: AppServices,
  id: string,
  input: { body: string; subject?: string | undefined },
  acting: Acting,
): Promise<ReplyOutcome> {
  return inDesk(services, async (scope) => {
    const ticket = valueOrThrow(await recordAgentReply(scope, id, acting.actor));
    const now = scope.deps.clock.now();
    const replyId = scope.deps.ids.next();
    await scope.tx.ticketHistory.append([
      {
        ticketId: id,
        at: now.toISOString(),
        actor: acting.actor,
        field: 'reply',
        from: null,
        to: input.body,
        note: ticket.channel,
      },
    ]);
    const routed = await routeReply(
      scope.tx,
      { ...(await contactsOf(scope, ticket)), ticketNumber: ticket.number, ticketTitle: ticket.title },
      {
        subject: input.subject,
        body: input.body,
        author: 'agent',
        key: `ticket-reply:${id}:${replyId}`,
        now,
        answering: false,
      },
      async (job) => {
        await scope.tx.jobs.enqueue({ ...job, id: replyId, now: now.toISOString() });
      },
    );
    return { ticket, queued: routed.queued, channel: ticket.channel };
  });
}

async function contactsOf(scope: DeskScope, ticket: Ticket): Promise<ReplyOrigin> {
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
