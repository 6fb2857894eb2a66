import type { AssignStrategy } from '@flowdesk/model';
import type { Agent, Ticket, TicketActor, TicketPatch } from '@flowdesk/store';
import { type DeskScope, nowIso } from '../desk-deps.ts';
import { type DeskResult, fail, invalidTransition, notFound, ok } from '../desk-errors.ts';
import { applyTicketChange } from '../tickets/ticket-changes.ts';
import type { TicketEventInput } from '../tickets/ticket-events.ts';
import { allowedTransitions, isFinished, QUEUED_STATUSES } from '../tickets/ticket-status.ts';
import { queueOrder, rankCandidates } from './agent-picker.ts';

export type AssignTarget =
  | { target: 'team'; teamId: string; strategy: AssignStrategy; skills?: readonly string[] }
  | { target: 'agent'; agentId: string; teamId?: string };

export interface AssignOutcome {
  ticket: Ticket;
  /** The agent who got it; null when it waits in the team queue (or for category confirmation). */
  agent: Agent | null;
  queued: boolean;
}

export interface AssignOptions {
  actor: TicketActor;
  dedupeKey?: string;
}

/** New and parked tickets become `assigned`; a ticket already being worked on keeps its status. */
function assignedPatch(ticket: Ticket, agent: Agent, teamId: string | null): TicketPatch {
  const status =
    ticket.status === 'new' || ticket.status === 'pending_confirmation' ? 'assigned' : ticket.status;
  return { assignee: agent.id, team: teamId ?? ticket.team, status };
}

function assignmentEvents(before: Ticket, patch: TicketPatch): TicketEventInput[] {
  const events: TicketEventInput[] = [
    { event: 'assigned', assignee: patch.assignee ?? null, team: patch.team ?? null },
  ];
  if (patch.status && patch.status !== before.status) {
    events.push({ event: 'status_changed', status: patch.status, previousStatus: before.status });
  }
  return events;
}

/** Hands the ticket to `agent` (capacity already claimed) and frees whoever had it before. */
async function giveTo(
  scope: DeskScope,
  ticket: Ticket,
  agent: Agent,
  teamId: string | null,
  options: AssignOptions,
) {
  const patch = assignedPatch(ticket, agent, teamId);
  const updated = await applyTicketChange(scope, ticket, patch, {
    actor: options.actor,
    events: assignmentEvents(ticket, patch),
    ...(options.dedupeKey ? { dedupeKey: options.dedupeKey } : {}),
  });
  if (ticket.assignee && ticket.assignee !== agent.id) await releaseCapacity(scope, ticket.assignee);
  return updated;
}

/** Claims capacity from the first candidate that still has some. */
async function claimFirst(scope: DeskScope, candidates: readonly Agent[]): Promise<Agent | null> {
  for (const candidate of candidates) {
    const claimed = await scope.tx.agents.claimCapacity(candidate.id, nowIso(scope.deps));
    if (claimed) return claimed;
  }
  return null;
}

/**
 * Routes a ticket to a team (choosing an agent by strategy) or to a named
 * agent. With nobody free it waits unassigned in the team queue, and a later
 * releaseCapacity picks it up. A ticket parked for category confirmation only
 * learns its team. Repeating an assignment that already holds changes nothing.
 */
export async function assignTicket(
  scope: DeskScope,
  ticketId: string,
  target: AssignTarget,
  options: AssignOptions,
): Promise<DeskResult<AssignOutcome>> {
  const ticket = await scope.tx.tickets.get(ticketId);
  if (!ticket) return fail(notFound('ticket', ticketId));
  if (isFinished(ticket.status)) {
    return fail(invalidTransition(ticket.status, 'assigned', allowedTransitions(ticket.status)));
  }
  if (target.target === 'agent') return assignToAgent(scope, ticket, target, options);

  const team = await scope.tx.teams.get(target.teamId);
  if (!team) return fail(notFound('team', target.teamId));
  if (ticket.assignee && ticket.team === team.id) {
    return ok({ ticket, agent: await scope.tx.agents.get(ticket.assignee), queued: false });
  }
  if (ticket.status === 'pending_confirmation') {
    const parked = await applyTicketChange(scope, ticket, { team: team.id }, { actor: options.actor });
    return ok({ ticket: parked, agent: null, queued: true });
  }
  const agents = await scope.tx.agents.list({ team: team.id, online: true });
  const candidates = rankCandidates(agents, { strategy: target.strategy, skills: target.skills ?? [] });
  const agent = await claimFirst(scope, candidates);
  if (agent)
    return ok({ ticket: await giveTo(scope, ticket, agent, team.id, options), agent, queued: false });

  const previous = ticket.assignee;
  const queued = await applyTicketChange(
    scope,
    ticket,
    { team: team.id, assignee: null },
    { actor: options.actor, ...(options.dedupeKey ? { dedupeKey: options.dedupeKey } : {}) },
  );
  if (previous) await releaseCapacity(scope, previous);
  return ok({ ticket: queued, agent: null, queued: true });
}

async function assignToAgent(
  scope: DeskScope,
  ticket: Ticket,
  target: { agentId: string; teamId?: string },
  options: AssignOptions,
): Promise<DeskResult<AssignOutcome>> {
  const agent = await scope.tx.agents.get(target.agentId);
  if (!agent) return fail(notFound('agent', target.agentId));
  if (ticket.assignee === agent.id) return ok({ ticket, agent, queued: false });
  // Naming an agent is a deliberate choice: it counts against capacity but is not refused by it.
  const claimed =
    (await scope.tx.agents.claimCapacity(agent.id, nowIso(scope.deps), { ignoreLimit: true })) ?? agent;
  const teamId = target.teamId ?? ticket.team ?? agent.teams[0] ?? null;
  return ok({ ticket: await giveTo(scope, ticket, claimed, teamId, options), agent: claimed, queued: false });
}

const SYSTEM_ROUTER = { kind: 'system', id: 'routing' } as const;

/** The best-placed ticket waiting unassigned in any of the agent's teams. */
async function nextQueued(scope: DeskScope, agent: Agent): Promise<Ticket | null> {
  const heads: Ticket[] = [];
  for (const team of agent.teams) {
    const [head] = await scope.tx.tickets.list({
      team,
      assignee: null,
      status: QUEUED_STATUSES,
      order: 'queue',
      limit: 1,
    });
    if (head) heads.push(head);
  }
  return heads.sort(queueOrder)[0] ?? null;
}

/**
 * Gives back one unit of an agent's capacity (their ticket was resolved or
 * moved) and, while they are online with room, hands them the highest-placed
 * waiting tickets of their teams.
 */
export async function releaseCapacity(scope: DeskScope, agentId: string): Promise<Ticket[]> {
  const agent = await scope.tx.agents.releaseCapacity(agentId);
  if (!agent) return [];
  return fillAgent(scope, agent);
}

/** Assigns queued tickets to the agent until they are full or the queues are empty. */
export async function fillAgent(scope: DeskScope, agent: Agent): Promise<Ticket[]> {
  const assigned: Ticket[] = [];
  let current: Agent | null = agent;
  while (current?.online && current.activeCount < current.capacity) {
    const ticket = await nextQueued(scope, current);
    if (!ticket) break;
    const claimed = await scope.tx.agents.claimCapacity(current.id, nowIso(scope.deps));
    if (!claimed) break;
    assigned.push(await giveTo(scope, ticket, claimed, ticket.team, { actor: SYSTEM_ROUTER }));
    current = claimed;
  }
  return assigned;
}

/** Marks an agent online or offline; coming online takes work from the queues at once. */
export async function setAgentOnline(
  scope: DeskScope,
  agentId: string,
  online: boolean,
): Promise<DeskResult<Agent>> {
  const agent = await scope.tx.agents.update(agentId, { online });
  if (!agent) return fail(notFound('agent', agentId));
  if (online) await fillAgent(scope, agent);
  return ok((await scope.tx.agents.get(agentId)) ?? agent);
}
