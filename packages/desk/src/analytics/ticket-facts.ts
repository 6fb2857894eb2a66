import type { KpiHistoryEntry, KpiTicket } from './kpi-records.ts';

/**
 * What a ticket's history says, once, for every KPI: when it was first
 * resolved and by whom, whether a person worked it, when it was reopened,
 * whether its SLA broke, and how long agents held it. Pure.
 */

const FINISHED = new Set(['resolved', 'closed']);
/** Statuses in which the agent holding the ticket is working on it (not waiting for the customer). */
const WORKING = new Set(['assigned', 'in_progress']);

export interface StatusChange {
  at: number;
  status: string;
}

export interface TicketFacts {
  ticket: KpiTicket;
  createdAt: number;
  /** Made by a flow step (it has the step's idempotency key). */
  byFlow: boolean;
  firstResolvedAt: number | null;
  /** A person (actor `user`) changed, claimed or answered it before its first resolution (or ever, if unresolved). */
  personActed: boolean;
  /** A team or an agent was responsible for it at some point. */
  queued: boolean;
  /** The first time it went from resolved/closed back to an open status. */
  reopenedAt: number | null;
  breached: boolean;
  /** Agent holding time: assigned to an agent while `assigned` or `in_progress`, up to `now`. */
  handlingMs: number;
  handlingByAgent: ReadonlyMap<string, number>;
  /** Oldest first; the first entry is the creation. */
  statuses: readonly StatusChange[];
}

const ms = (iso: string) => Date.parse(iso);

function byTime(a: KpiHistoryEntry, b: KpiHistoryEntry): number {
  return ms(a.at) - ms(b.at);
}

function statusTimeline(ticket: KpiTicket, history: readonly KpiHistoryEntry[]): StatusChange[] {
  const changes = history
    .filter((entry) => entry.field === 'status' && typeof entry.to === 'string')
    .map((entry) => ({ at: ms(entry.at), status: entry.to as string }));
  const created = ms(ticket.createdAt);
  if (changes.length === 0 || (changes[0]?.at ?? created) > created)
    changes.unshift({ at: created, status: 'new' });
  // A ticket written without status history (imported) still counts as resolved when it says so.
  const finishedAt = ticket.resolvedAt ?? ticket.closedAt;
  if (!changes.some((change) => FINISHED.has(change.status)) && finishedAt) {
    changes.push({ at: ms(finishedAt), status: ticket.resolvedAt ? 'resolved' : 'closed' });
  }
  return changes;
}

function handling(history: readonly KpiHistoryEntry[], createdAt: number, now: number) {
  const byAgent = new Map<string, number>();
  let status = 'new';
  let assignee: string | null = null;
  let since = createdAt;
  const close = (at: number) => {
    if (assignee && WORKING.has(status) && at > since) {
      byAgent.set(assignee, (byAgent.get(assignee) ?? 0) + Math.min(at, now) - since);
    }
    since = at;
  };
  for (const entry of history) {
    if (entry.field !== 'status' && entry.field !== 'assignee') continue;
    const at = ms(entry.at);
    if (at > now) break;
    close(at);
    if (entry.field === 'status' && typeof entry.to === 'string') status = entry.to;
    if (entry.field === 'assignee') assignee = typeof entry.to === 'string' ? entry.to : null;
  }
  close(now);
  let total = 0;
  for (const value of byAgent.values()) total += value;
  return { total, byAgent };
}

export function ticketFacts(
  ticket: KpiTicket,
  unsorted: readonly KpiHistoryEntry[],
  now: number,
): TicketFacts {
  const history = [...unsorted].sort(byTime);
  const createdAt = ms(ticket.createdAt);
  const statuses = statusTimeline(ticket, history);
  const firstResolution = statuses.find((change) => FINISHED.has(change.status));
  const firstResolvedAt = firstResolution && firstResolution.at <= now ? firstResolution.at : null;
  const reopen = statuses.find(
    (change, index) =>
      firstResolvedAt !== null &&
      change.at >= firstResolvedAt &&
      !FINISHED.has(change.status) &&
      FINISHED.has(statuses[index - 1]?.status ?? ''),
  );
  const actedUntil = firstResolvedAt ?? now;
  const { total, byAgent } = handling(history, createdAt, now);
  return {
    ticket,
    createdAt,
    byFlow: ticket.createdByKey !== null,
    firstResolvedAt,
    personActed: history.some((entry) => entry.actor.kind === 'user' && ms(entry.at) <= actedUntil),
    queued:
      ticket.team !== null ||
      ticket.assignee !== null ||
      history.some((entry) => (entry.field === 'team' || entry.field === 'assignee') && entry.to !== null),
    reopenedAt: reopen && reopen.at <= now ? reopen.at : null,
    breached:
      ticket.slaState === 'breached' ||
      history.some((entry) => entry.field === 'slaState' && entry.to === 'breached' && ms(entry.at) <= now),
    handlingMs: total,
    handlingByAgent: byAgent,
    statuses,
  };
}

/** The ticket's status at `at` (the last change at or before it), or null before it existed. */
export function statusAt(facts: TicketFacts, at: number): string | null {
  let current: string | null = null;
  for (const change of facts.statuses) {
    if (change.at > at) break;
    current = change.status;
  }
  return current;
}

export function isFinishedStatus(status: string | null): boolean {
  return status !== null && FINISHED.has(status);
}

/** Resolved with no person involved, by the flow that made it. */
export function resolvedAutomatically(facts: TicketFacts): boolean {
  return facts.byFlow && facts.firstResolvedAt !== null && !facts.personActed;
}

/** A flow's ticket that went to people: a team or an agent took it, or a person worked it, and the flow did not resolve it alone. */
export function handedOff(facts: TicketFacts): boolean {
  return facts.byFlow && !resolvedAutomatically(facts) && (facts.queued || facts.personActed);
}
