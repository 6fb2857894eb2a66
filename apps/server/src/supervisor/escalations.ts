import { ESCALATED_TAG } from '@flowdesk/desk';
import { type Priority, TICKET_STATUSES, type TicketStatus } from '@flowdesk/model';
import type { Ticket, TicketActor, TicketHistoryEntry } from '@flowdesk/store';
import { type AppServices, DEFAULT_WORKSPACE_ID } from '../app-deps.ts';

/**
 * Escalated tickets with why and when, newest escalation first.
 *
 * How an escalation is recorded today (packages/desk/src/routing/escalation.ts):
 * the ticket gets the `escalated` tag, moves to the escalation queue and is
 * unassigned, all in one change whose history entries carry the reason as
 * their note (the same reason is also an internal note). So the list is the
 * tickets with that tag, and "why and when" is the history entry that added it.
 *
 * Cost: one tag query bounded by SCAN, most recently changed tickets first
 * (escalating changes the ticket, so a ticket escalated at time T was updated at
 * or after T and none escalated later can be missed), then one history read per
 * listed ticket. Both stores answer it from an index (SQLite tickets_by_updated,
 * Mongo {tags, updatedAt}). A workspace with more than SCAN escalated tickets
 * shows the latest escalations among its SCAN most recently changed ones.
 */

const SCAN = 200;
const OPEN_STATUSES: readonly TicketStatus[] = TICKET_STATUSES.values.filter(
  (status) => status !== 'resolved' && status !== 'closed',
);

export interface EscalationItem {
  id: string;
  number: string;
  title: string;
  status: TicketStatus;
  priority: Priority;
  /** The queue it was escalated to (the team it is in now). */
  team: string | null;
  assignee: string | null;
  escalatedAt: string;
  reason: string | null;
  /** Who escalated: a flow's execution, a person, or the system. */
  by: TicketActor | null;
}

/** The last history entry that added the tag: a ticket escalated twice shows its latest escalation. */
function escalationEntry(history: readonly TicketHistoryEntry[]): TicketHistoryEntry | null {
  const added = history.filter(
    (entry) =>
      entry.field === 'tags' &&
      Array.isArray(entry.to) &&
      entry.to.includes(ESCALATED_TAG) &&
      !(Array.isArray(entry.from) && entry.from.includes(ESCALATED_TAG)),
  );
  return added.at(-1) ?? null;
}

function toItem(ticket: Ticket, entry: TicketHistoryEntry | null): EscalationItem {
  return {
    id: ticket.id,
    number: ticket.number,
    title: ticket.title,
    status: ticket.status,
    priority: ticket.priority,
    team: ticket.team,
    assignee: ticket.assignee,
    // A tag set by hand (not through the escalation step) has no entry: its last change stands in.
    escalatedAt: entry?.at ?? ticket.updatedAt,
    reason: entry?.note ?? null,
    by: entry?.actor ?? null,
  };
}

export async function listEscalations(
  services: AppServices,
  options: { includeFinished: boolean; limit: number },
): Promise<EscalationItem[]> {
  const tickets = await services.store.tickets.list({
    workspaceId: DEFAULT_WORKSPACE_ID,
    tag: ESCALATED_TAG,
    ...(options.includeFinished ? {} : { status: OPEN_STATUSES }),
    order: 'updated',
    limit: SCAN,
  });
  const items = await Promise.all(
    tickets.map(async (ticket) =>
      toItem(ticket, escalationEntry(await services.store.ticketHistory.list(ticket.id))),
    ),
  );
  return items
    .sort((a, b) => (a.escalatedAt < b.escalatedAt ? 1 : a.escalatedAt > b.escalatedAt ? -1 : 0))
    .slice(0, options.limit);
}
