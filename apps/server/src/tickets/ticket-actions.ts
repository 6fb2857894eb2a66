import {
  type AgentReplyInput,
  type AgentReplyOutcome,
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
  reopenTicket,
  replyToCustomer,
  resolveTicket,
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

/**
 * An agent answers the customer: recorded on the ticket and sent back on its
 * channel through the outbox (the desk's replyToCustomer, agent-reply.ts).
 */
export function reply(
  services: AppServices,
  id: string,
  input: AgentReplyInput,
  acting: Acting,
): Promise<AgentReplyOutcome> {
  return inDesk(services, async (scope) =>
    valueOrThrow(await replyToCustomer(scope, id, input, acting.actor)),
  );
}
