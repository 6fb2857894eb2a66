import { type CustomerView, listOverdue, maskCustomer, queueOrder } from '@flowdesk/desk';
import { type Priority, TICKET_STATUSES, type TicketStatus } from '@flowdesk/model';
import type { Agent, SlaState, Ticket, TicketQuery, UserRole } from '@flowdesk/store';
import { type AppServices, DEFAULT_WORKSPACE_ID } from '../app-deps.ts';
import { deskDepsOf } from '../tickets/ticket-actions.ts';

/**
 * The agent's inbox (issue 13, item 1): five queues with their counts, each
 * filtered the same way. An agent sees their own tickets and their teams'
 * queues; a supervisor or admin without an agent profile sees every team's.
 */

export const INBOX_QUEUES = [
  'mine',
  'team',
  'pending_confirmation',
  'waiting_for_customer',
  'overdue',
] as const;
export type InboxQueue = (typeof INBOX_QUEUES)[number];

export interface InboxFilters {
  /** Part of the ticket number or title. */
  search?: string | undefined;
  /** Part of the customer's name, or of a contact as the reader sees it (masked: its last four). */
  customer?: string | undefined;
  category?: string | undefined;
  channel?: string | undefined;
  priority?: Priority | undefined;
  slaState?: SlaState | undefined;
}

export interface InboxItem {
  id: string;
  number: string;
  title: string;
  status: TicketStatus;
  priority: Priority;
  category: string | null;
  channel: string;
  team: string | null;
  assignee: string | null;
  assigneeName: string | null;
  vipLevel: number;
  slaState: SlaState;
  firstResponseDueAt: string | null;
  firstRespondedAt: string | null;
  resolutionDueAt: string | null;
  createdAt: string;
  /** Name and a masked contact; never a whole phone or email. */
  customer: { name: string | null; contact: string | null } | null;
}

export interface InboxAnswer {
  queue: InboxQueue;
  counts: Record<InboxQueue, number>;
  items: InboxItem[];
  /** The reader's agent id, so the page knows which tickets they may release; null without a profile. */
  agentId: string | null;
}

const OPEN_STATUSES: readonly TicketStatus[] = TICKET_STATUSES.values.filter(
  (status) => status !== 'resolved' && status !== 'closed',
);
const QUEUED_STATUSES: readonly TicketStatus[] = ['new', 'assigned', 'in_progress', 'waiting_for_customer'];
const SCAN = 1000;

interface Reader {
  agent: Agent | null;
  teams: string[];
  role: UserRole;
}

function list(services: AppServices, query: TicketQuery): Promise<Ticket[]> {
  return services.store.tickets.list({ workspaceId: DEFAULT_WORKSPACE_ID, limit: SCAN, ...query });
}

async function teamQueues(services: AppServices, reader: Reader): Promise<Ticket[]> {
  const lists = await Promise.all(
    reader.teams.map((team) =>
      list(services, { team, assignee: null, status: QUEUED_STATUSES, order: 'queue' }),
    ),
  );
  return lists.flat().sort(queueOrder);
}

/** Whose tickets a queue holds: the reader's own, or (for readers without a profile) everyone's. */
function mineOrAll(reader: Reader): Pick<TicketQuery, 'assignee'> {
  return reader.agent ? { assignee: reader.agent.id } : {};
}

async function queueTickets(services: AppServices, reader: Reader): Promise<Record<InboxQueue, Ticket[]>> {
  const inTeams = (ticket: Ticket) =>
    !reader.agent ||
    ticket.assignee === reader.agent.id ||
    (ticket.team !== null && reader.teams.includes(ticket.team));
  const [mine, team, pending, waiting, overdue] = await Promise.all([
    reader.agent
      ? list(services, { assignee: reader.agent.id, status: OPEN_STATUSES, order: 'queue' })
      : Promise.resolve([]),
    teamQueues(services, reader),
    list(services, { status: 'pending_confirmation', order: 'queue' }),
    list(services, { ...mineOrAll(reader), status: 'waiting_for_customer', order: 'queue' }),
    services.store.transaction((tx) => listOverdue(tx, deskDepsOf(services), SCAN)),
  ]);
  return {
    mine,
    team,
    pending_confirmation: pending.filter(
      (ticket) => !reader.agent || ticket.team === null || inTeams(ticket),
    ),
    waiting_for_customer: waiting,
    overdue: overdue.filter(inTeams),
  };
}

function lower(value: string | undefined): string {
  return value?.trim().toLowerCase() ?? '';
}

function matcher(filters: InboxFilters, customers: Map<string, CustomerView>) {
  const search = lower(filters.search);
  const customer = lower(filters.customer);
  return (ticket: Ticket) => {
    if (search && !`${ticket.number} ${ticket.title}`.toLowerCase().includes(search)) return false;
    if (filters.category && ticket.category !== filters.category) return false;
    if (filters.channel && ticket.channel !== filters.channel) return false;
    if (filters.priority && ticket.priority !== filters.priority) return false;
    if (filters.slaState && ticket.slaState !== filters.slaState) return false;
    if (customer) {
      const view = ticket.customerId ? customers.get(ticket.customerId) : undefined;
      const seen = [view?.name, view?.phone, view?.email].filter(Boolean).join(' ').toLowerCase();
      if (!seen.includes(customer)) return false;
    }
    return true;
  };
}

/** Every customer of these tickets, masked for all readers: the inbox never shows a whole contact. */
async function customersOf(services: AppServices, tickets: readonly Ticket[]) {
  const ids = [
    ...new Set(tickets.map((ticket) => ticket.customerId).filter((id): id is string => id !== null)),
  ];
  const views = new Map<string, CustomerView>();
  // One read for all (a supervisor's five queues hold thousands of tickets at a million).
  for (const [id, profile] of await services.store.customers.getMany(ids))
    views.set(id, maskCustomer(profile, 'viewer', []));
  return views;
}

function toItem(
  ticket: Ticket,
  customers: Map<string, CustomerView>,
  agents: Map<string, string>,
): InboxItem {
  const view = ticket.customerId ? customers.get(ticket.customerId) : undefined;
  return {
    id: ticket.id,
    number: ticket.number,
    title: ticket.title,
    status: ticket.status,
    priority: ticket.priority,
    category: ticket.category,
    channel: ticket.channel,
    team: ticket.team,
    assignee: ticket.assignee,
    assigneeName: ticket.assignee ? (agents.get(ticket.assignee) ?? null) : null,
    vipLevel: ticket.vipLevel,
    slaState: ticket.slaState,
    firstResponseDueAt: ticket.firstResponseDueAt,
    firstRespondedAt: ticket.firstRespondedAt,
    resolutionDueAt: ticket.resolutionDueAt,
    createdAt: ticket.createdAt,
    customer: view ? { name: view.name, contact: view.phone ?? view.email } : null,
  };
}

export async function readInbox(
  services: AppServices,
  input: { userId: string; role: UserRole; queue: InboxQueue; filters: InboxFilters; limit: number },
): Promise<InboxAnswer> {
  const agents = await services.store.agents.list({ workspaceId: DEFAULT_WORKSPACE_ID });
  const agent = agents.find((candidate) => candidate.userId === input.userId) ?? null;
  const allTeams = (await services.store.teams.list(DEFAULT_WORKSPACE_ID)).map((team) => team.id);
  const reader: Reader = { agent, teams: agent ? agent.teams : allTeams, role: input.role };
  const queues = await queueTickets(services, reader);
  // The customer filter matches on every queue's customers; without it only the page shown needs
  // them (an agent's own queue alone holds up to SCAN tickets at a million).
  const filterByCustomer = lower(input.filters.customer) !== '';
  const customers = filterByCustomer
    ? await customersOf(services, Object.values(queues).flat())
    : new Map<string, CustomerView>();
  const keep = matcher(input.filters, customers);
  const filtered = Object.fromEntries(
    INBOX_QUEUES.map((queue) => [queue, queues[queue].filter(keep)]),
  ) as Record<InboxQueue, Ticket[]>;
  const page = filtered[input.queue].slice(0, input.limit);
  const shown = filterByCustomer ? customers : await customersOf(services, page);
  const names = new Map(agents.map((entry) => [entry.id, entry.name]));
  return {
    queue: input.queue,
    counts: Object.fromEntries(INBOX_QUEUES.map((queue) => [queue, filtered[queue].length])) as Record<
      InboxQueue,
      number
    >,
    items: page.map((ticket) => toItem(ticket, shown, names)),
    agentId: agent?.id ?? null,
  };
}
