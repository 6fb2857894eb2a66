import { type Connection, type Model, Schema } from 'mongoose';
import type { LocalizedText } from '../port/model.types.ts';
import type { SlaPolicyMatch } from '../port/team.types.ts';
import type { Ticket, TicketActor } from '../port/ticket.types.ts';
import type { StoredCalendar } from '../shared/stored-calendar.ts';

/**
 * Service-desk collections, mirroring SQLite migration 6. Identities live in
 * their own collection so a unique index keeps each one to a single profile.
 */
export interface CustomerDoc {
  _id: string;
  workspaceId: string;
  name: string | null;
  tags: string[];
  vipLevel: number;
  requestCount: number;
  complaintCount: number;
  lastContactAt: string | null;
  /** Absent on documents written before customers had a language. */
  locale?: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CustomerIdentityDoc {
  workspaceId: string;
  kind: string;
  value: string;
  customerId: string;
  addedAt: string;
  seq: number;
}

/** createdByKey is absent rather than null when unset, so the partial unique index skips it. */
export type TicketDoc = Omit<Ticket, 'id' | 'createdByKey' | 'customFields'> & {
  _id: string;
  priorityRank: number;
  customFields: Record<string, unknown>;
  createdByKey?: string;
};

export interface TicketHistoryDoc {
  ticketId: string;
  at: string;
  actor: TicketActor;
  field: string;
  from: unknown;
  to: unknown;
  note: string | null;
}

export interface TicketNoteDoc {
  _id: string;
  ticketId: string;
  author: TicketActor;
  body: string;
  at: string;
}

export interface TeamDoc {
  _id: string;
  workspaceId: string;
  name: LocalizedText;
  skills: string[];
  calendar: StoredCalendar | null;
  supervisorQueue: string | null;
}

export interface AgentDoc {
  _id: string;
  workspaceId: string;
  userId: string | null;
  name: string;
  teams: string[];
  skills: string[];
  capacity: number;
  online: boolean;
  activeCount: number;
  lastAssignedAt: string | null;
}

export interface SlaPolicyDoc {
  _id: string;
  workspaceId: string;
  name: string;
  match: SlaPolicyMatch;
  firstResponseMinutes: number;
  resolutionMinutes: number;
  warnAtShare: number;
  order: number;
  /** Null (and absent before Mongo migration 23): the ticket's team calendar applies. */
  calendar: StoredCalendar | null;
}

const options = { versionKey: false, minimize: false, strict: true } as const;
const str = { type: String, required: true } as const;
const nullableStr = { type: String, default: null } as const;
const num = { type: Number, required: true } as const;
const strings = { type: [String], default: (): string[] => [] };
const mixed = { type: Schema.Types.Mixed, default: null } as const;
const actor = { type: Schema.Types.Mixed, required: true } as const;

const customerSchema = new Schema<CustomerDoc>(
  {
    _id: str,
    workspaceId: str,
    name: nullableStr,
    tags: strings,
    vipLevel: num,
    requestCount: num,
    complaintCount: num,
    lastContactAt: nullableStr,
    locale: nullableStr,
    createdAt: str,
    updatedAt: str,
  },
  options,
);
// The customer search's order, most recently updated first.
customerSchema.index({ workspaceId: 1, updatedAt: -1, _id: 1 });

const identitySchema = new Schema<CustomerIdentityDoc>(
  { workspaceId: str, kind: str, value: str, customerId: str, addedAt: str, seq: num },
  options,
);
identitySchema.index({ workspaceId: 1, kind: 1, value: 1 }, { unique: true });
identitySchema.index({ customerId: 1, seq: 1 });
// The customer search finds a whole identity by its value, whatever its kind.
identitySchema.index({ workspaceId: 1, value: 1 });

const ticketSchema = new Schema<TicketDoc>(
  {
    _id: str,
    number: str,
    workspaceId: str,
    title: str,
    description: { type: String, default: '' },
    channel: str,
    category: nullableStr,
    priority: str,
    priorityRank: num,
    status: str,
    team: nullableStr,
    assignee: nullableStr,
    customerId: nullableStr,
    vipLevel: num,
    customFields: { type: Schema.Types.Mixed, default: {} },
    tags: strings,
    solution: nullableStr,
    slaPolicyId: nullableStr,
    firstResponseDueAt: nullableStr,
    resolutionDueAt: nullableStr,
    firstRespondedAt: nullableStr,
    pausedAt: nullableStr,
    pausedMs: num,
    slaState: str,
    slaRevision: num,
    createdByKey: { type: String },
    createdAt: str,
    updatedAt: str,
    resolvedAt: nullableStr,
    closedAt: nullableStr,
  },
  options,
);
ticketSchema.index({ number: 1 }, { unique: true });
ticketSchema.index(
  { createdByKey: 1 },
  { unique: true, partialFilterExpression: { createdByKey: { $type: 'string' } } },
);
ticketSchema.index({ team: 1, status: 1, vipLevel: -1, priorityRank: 1, createdAt: 1 });
ticketSchema.index({ assignee: 1, status: 1 });
ticketSchema.index({ customerId: 1, createdAt: 1 });
ticketSchema.index({ workspaceId: 1, createdAt: -1 });
// The KPI dashboard's date ranges (analytics.ticketsForPeriod, SQLite migration 028).
ticketSchema.index({ workspaceId: 1, updatedAt: 1 });
ticketSchema.index({ status: 1, resolutionDueAt: 1 });
// The anomaly detector's SLA-breach share: tickets that fell due in an hour (SQLite migration 030).
ticketSchema.index({ workspaceId: 1, resolutionDueAt: 1 });
// The supervisor's workload (SQLite migration 027's tickets_open_workload) and escalation list.
ticketSchema.index({ workspaceId: 1, status: 1, team: 1, assignee: 1 });
// The escalation list: tagged tickets, most recently changed first (tickets.list order 'updated').
ticketSchema.index({ tags: 1, updatedAt: -1 });

const historySchema = new Schema<TicketHistoryDoc>(
  { ticketId: str, at: str, actor, field: str, from: mixed, to: mixed, note: nullableStr },
  options,
);
historySchema.index({ ticketId: 1, at: 1, _id: 1 });

const noteSchema = new Schema<TicketNoteDoc>(
  { _id: str, ticketId: str, author: actor, body: str, at: str },
  options,
);
noteSchema.index({ ticketId: 1, at: 1 });

const teamSchema = new Schema<TeamDoc>(
  { _id: str, workspaceId: str, name: actor, skills: strings, calendar: mixed, supervisorQueue: nullableStr },
  options,
);
teamSchema.index({ workspaceId: 1, _id: 1 });

const agentSchema = new Schema<AgentDoc>(
  {
    _id: str,
    workspaceId: str,
    userId: nullableStr,
    name: str,
    teams: strings,
    skills: strings,
    capacity: num,
    online: { type: Boolean, required: true },
    activeCount: num,
    lastAssignedAt: nullableStr,
  },
  options,
);
agentSchema.index({ teams: 1 });

const policySchema = new Schema<SlaPolicyDoc>(
  {
    _id: str,
    workspaceId: str,
    name: str,
    match: { type: Schema.Types.Mixed, default: {} },
    firstResponseMinutes: num,
    resolutionMinutes: num,
    warnAtShare: num,
    order: num,
    calendar: mixed,
  },
  options,
);
policySchema.index({ workspaceId: 1, order: 1, _id: 1 });

export interface MongoDeskModels {
  customers: Model<CustomerDoc>;
  customerIdentities: Model<CustomerIdentityDoc>;
  tickets: Model<TicketDoc>;
  ticketHistory: Model<TicketHistoryDoc>;
  ticketNotes: Model<TicketNoteDoc>;
  teams: Model<TeamDoc>;
  agents: Model<AgentDoc>;
  slaPolicies: Model<SlaPolicyDoc>;
}

export function createMongoDeskModels(connection: Connection): MongoDeskModels {
  return {
    customers: connection.model<CustomerDoc>('Customer', customerSchema, 'customers'),
    customerIdentities: connection.model<CustomerIdentityDoc>(
      'CustomerIdentity',
      identitySchema,
      'customer_identities',
    ),
    tickets: connection.model<TicketDoc>('Ticket', ticketSchema, 'tickets'),
    ticketHistory: connection.model<TicketHistoryDoc>('TicketHistory', historySchema, 'ticket_history'),
    ticketNotes: connection.model<TicketNoteDoc>('TicketNote', noteSchema, 'ticket_notes'),
    teams: connection.model<TeamDoc>('Team', teamSchema, 'teams'),
    agents: connection.model<AgentDoc>('Agent', agentSchema, 'agents'),
    slaPolicies: connection.model<SlaPolicyDoc>('SlaPolicy', policySchema, 'sla_policies'),
  };
}
