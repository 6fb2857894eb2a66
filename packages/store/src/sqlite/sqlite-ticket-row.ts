import type { JsonObject } from '../port/json.types.ts';
import type { Priority, TicketStatus } from '../port/model.types.ts';
import { PRIORITY_RANK, type SlaState, type Ticket } from '../port/ticket.types.ts';
import { parseJson } from './sqlite-context.ts';

/** How a ticket maps to its row: one place, so the insert and the update agree. */
export interface TicketRow {
  id: string;
  number: string;
  workspace_id: string;
  title: string;
  description: string;
  channel: string;
  category: string | null;
  priority: string;
  priority_rank: number;
  status: string;
  team: string | null;
  assignee: string | null;
  customer_id: string | null;
  vip_level: number;
  custom_fields: string;
  tags: string;
  solution: string | null;
  sla_policy_id: string | null;
  first_response_due_at: string | null;
  resolution_due_at: string | null;
  first_responded_at: string | null;
  paused_at: string | null;
  paused_ms: number;
  sla_state: string;
  sla_revision: number;
  created_by_key: string | null;
  created_at: string;
  updated_at: string;
  resolved_at: string | null;
  closed_at: string | null;
}

/** Every column, in table order; typed against TicketRow so a missing or misspelt one fails to compile. */
export const TICKET_COLUMNS = [
  'id',
  'number',
  'workspace_id',
  'title',
  'description',
  'channel',
  'category',
  'priority',
  'priority_rank',
  'status',
  'team',
  'assignee',
  'customer_id',
  'vip_level',
  'custom_fields',
  'tags',
  'solution',
  'sla_policy_id',
  'first_response_due_at',
  'resolution_due_at',
  'first_responded_at',
  'paused_at',
  'paused_ms',
  'sla_state',
  'sla_revision',
  'created_by_key',
  'created_at',
  'updated_at',
  'resolved_at',
  'closed_at',
] as const satisfies ReadonlyArray<keyof TicketRow>;

// Fails to compile when TicketRow gains a column the list above lacks.
type MissingColumn = Exclude<keyof TicketRow, (typeof TICKET_COLUMNS)[number]>;
const noMissingColumn: [MissingColumn] extends [never] ? true : MissingColumn = true;
void noMissingColumn;

export function toTicket(row: TicketRow): Ticket {
  return {
    id: row.id,
    number: row.number,
    workspaceId: row.workspace_id,
    title: row.title,
    description: row.description,
    channel: row.channel,
    category: row.category,
    priority: row.priority as Priority,
    status: row.status as TicketStatus,
    team: row.team,
    assignee: row.assignee,
    customerId: row.customer_id,
    vipLevel: row.vip_level,
    customFields: parseJson<JsonObject>(row.custom_fields),
    tags: parseJson<string[]>(row.tags),
    solution: row.solution,
    slaPolicyId: row.sla_policy_id,
    firstResponseDueAt: row.first_response_due_at,
    resolutionDueAt: row.resolution_due_at,
    firstRespondedAt: row.first_responded_at,
    pausedAt: row.paused_at,
    pausedMs: row.paused_ms,
    slaState: row.sla_state as SlaState,
    slaRevision: row.sla_revision,
    createdByKey: row.created_by_key,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    resolvedAt: row.resolved_at,
    closedAt: row.closed_at,
  };
}

export function toTicketRow(ticket: Ticket): TicketRow {
  return {
    id: ticket.id,
    number: ticket.number,
    workspace_id: ticket.workspaceId,
    title: ticket.title,
    description: ticket.description,
    channel: ticket.channel,
    category: ticket.category,
    priority: ticket.priority,
    priority_rank: PRIORITY_RANK[ticket.priority],
    status: ticket.status,
    team: ticket.team,
    assignee: ticket.assignee,
    customer_id: ticket.customerId,
    vip_level: ticket.vipLevel,
    custom_fields: JSON.stringify(ticket.customFields),
    tags: JSON.stringify(ticket.tags),
    solution: ticket.solution,
    sla_policy_id: ticket.slaPolicyId,
    first_response_due_at: ticket.firstResponseDueAt,
    resolution_due_at: ticket.resolutionDueAt,
    first_responded_at: ticket.firstRespondedAt,
    paused_at: ticket.pausedAt,
    paused_ms: ticket.pausedMs,
    sla_state: ticket.slaState,
    sla_revision: ticket.slaRevision,
    created_by_key: ticket.createdByKey,
    created_at: ticket.createdAt,
    updated_at: ticket.updatedAt,
    resolved_at: ticket.resolvedAt,
    closed_at: ticket.closedAt,
  };
}

const TIME_FIELDS = [
  'firstResponseDueAt',
  'resolutionDueAt',
  'firstRespondedAt',
  'pausedAt',
  'createdAt',
  'updatedAt',
  'resolvedAt',
  'closedAt',
] as const;

/** Times are stored as UTC with milliseconds so text order is time order. */
export function normalizeTicketTimes<T extends Partial<Ticket>>(
  ticket: T,
  normalize: (iso: string) => string,
): T {
  const copy = { ...ticket };
  for (const field of TIME_FIELDS) {
    const value = copy[field];
    if (typeof value === 'string') (copy as Partial<Ticket>)[field] = normalize(value);
  }
  return copy;
}
