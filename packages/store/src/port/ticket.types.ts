import type { JsonObject, JsonValue } from './json.types.ts';
import type { Priority, TicketStatus } from './model.types.ts';

/**
 * Tickets, their history and internal notes. The store keeps what the desk
 * decided; the lifecycle rules (which status may follow which, SLA clocks)
 * live in @flowdesk/desk.
 */

/** none: no policy applies; paused: waiting for the customer or resolved; met / breached: the outcome. */
export const SLA_STATES = ['none', 'running', 'warning', 'paused', 'met', 'breached'] as const;
export type SlaState = (typeof SLA_STATES)[number];

/** The priority order queues use: urgent first. */
export const PRIORITY_RANK: Readonly<Record<Priority, number>> = { urgent: 0, high: 1, medium: 2, low: 3 };

export interface Ticket {
  id: string;
  /** `CS` + date + daily serial; unique. */
  number: string;
  workspaceId: string;
  title: string;
  /** Exactly as the customer or the flow wrote it. */
  description: string;
  channel: string;
  category: string | null;
  priority: Priority;
  status: TicketStatus;
  team: string | null;
  assignee: string | null;
  customerId: string | null;
  /** The customer's VIP level when the ticket was created; queues put higher levels first. */
  vipLevel: number;
  customFields: JsonObject;
  tags: string[];
  solution: string | null;
  slaPolicyId: string | null;
  firstResponseDueAt: string | null;
  resolutionDueAt: string | null;
  firstRespondedAt: string | null;
  pausedAt: string | null;
  /** Wall-clock time spent paused so far. */
  pausedMs: number;
  slaState: SlaState;
  /** Moves by one each time the SLA jobs are rescheduled, so older jobs can tell they are stale. */
  slaRevision: number;
  /** The idempotency key of the flow step that created it; unique when set. */
  createdByKey: string | null;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
}

export type TicketPatch = Partial<
  Omit<Ticket, 'id' | 'number' | 'workspaceId' | 'createdByKey' | 'createdAt'>
>;

export interface TicketQuery {
  workspaceId?: string;
  team?: string;
  /** null lists unassigned tickets only. */
  assignee?: string | null;
  status?: TicketStatus | readonly TicketStatus[];
  customerId?: string;
  /** Only tickets carrying this tag (exact, as stored). */
  tag?: string;
  /**
   * queue: higher VIP level first, then priority (urgent first), then oldest;
   * newest: most recently created first (the default);
   * updated: most recently changed first (updatedAt), e.g. recently escalated old tickets.
   */
  order?: 'queue' | 'newest' | 'updated';
  /** Default 100, at most 1000. */
  limit?: number;
}

export interface OverdueQuery {
  now: string;
  workspaceId?: string;
  limit?: number;
}

export interface WorkloadQuery {
  workspaceId: string;
  /** Overdue is judged at this time, the way listOverdue judges it. */
  now: string;
}

/**
 * Open tickets (not resolved or closed) counted per team and assignee: one row
 * per (team, assignee) pair that holds any. A supervisor's backlog and each
 * agent's load are sums over these rows.
 */
export interface TicketWorkloadRow {
  team: string | null;
  assignee: string | null;
  open: number;
  /** Clock running and resolution due, or first response due and missing, at `now` (as listOverdue). */
  overdue: number;
  /** SLA state `warning` and not yet overdue. */
  atRisk: number;
  /** The oldest creation time among these tickets. */
  oldestCreatedAt: string;
}

export interface TicketRepository {
  /** Throws StoreError('duplicate') when the id, the number or createdByKey exists. */
  create(ticket: Ticket): Promise<Ticket>;
  get(id: string): Promise<Ticket | null>;
  getByNumber(number: string): Promise<Ticket | null>;
  /** The tickets of these ids in one read, in no particular order; unknown ids are left out. */
  getMany(ids: readonly string[]): Promise<Ticket[]>;
  findByCreatedKey(key: string): Promise<Ticket | null>;
  /** Returns the updated ticket, or null when it does not exist. */
  update(id: string, patch: TicketPatch): Promise<Ticket | null>;
  list(query?: TicketQuery): Promise<Ticket[]>;
  /**
   * Open tickets whose clock runs (not resolved, closed or paused) and whose
   * resolution is due, or whose first response is due and missing, at `now`;
   * earliest resolution due first.
   */
  listOverdue(query: OverdueQuery): Promise<Ticket[]>;
  /**
   * Open tickets counted by team and assignee, computed by the database (one
   * pass over open tickets, not a load of every ticket).
   */
  workload(query: WorkloadQuery): Promise<TicketWorkloadRow[]>;
  /** Points one customer's tickets at another (after a merge); returns how many moved. */
  moveCustomer(fromCustomerId: string, intoCustomerId: string): Promise<number>;
}

export interface TicketActor {
  kind: 'execution' | 'user' | 'system';
  id: string;
}

export interface TicketHistoryEntry {
  ticketId: string;
  at: string;
  actor: TicketActor;
  field: string;
  from: JsonValue;
  to: JsonValue;
  note?: string | null;
}

export interface TicketHistoryRepository {
  append(entries: readonly TicketHistoryEntry[]): Promise<void>;
  /** Oldest first, in the order they were appended. */
  list(ticketId: string): Promise<TicketHistoryEntry[]>;
}

/** Agents' notes on a ticket; never shown to the customer. */
export interface TicketNote {
  id: string;
  ticketId: string;
  author: TicketActor;
  body: string;
  at: string;
}

export interface TicketNoteRepository {
  /** Throws StoreError('duplicate') when the id exists. */
  add(note: TicketNote): Promise<TicketNote>;
  /** Oldest first. */
  list(ticketId: string): Promise<TicketNote[]>;
  /** One note by its id (a flow step's note has an id of its own: runs again find it). */
  get(id: string): Promise<TicketNote | null>;
}
