import type { JsonObject, JsonValue } from '../port/json.types.ts';
import {
  PRIORITY_RANK,
  type Ticket,
  type TicketHistoryRepository,
  type TicketNote,
  type TicketNoteRepository,
  type TicketQuery,
  type TicketRepository,
} from '../port/ticket.types.ts';
import { jobListSize } from '../shared/page-size.ts';
import { normalizeIso } from '../shared/time.ts';
import { type MongoContext, translateMongoError } from './mongo-context.ts';
import type { TicketDoc, TicketHistoryDoc, TicketNoteDoc } from './mongo-desk-models.ts';
import { decodeDocument, encodeDocument } from './mongo-key-codec.ts';

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

function normalizeTimes<T extends Partial<Ticket>>(ticket: T): T {
  const copy = { ...ticket };
  for (const field of TIME_FIELDS) {
    const value = copy[field];
    if (typeof value === 'string') (copy as Partial<Ticket>)[field] = normalizeIso(value);
  }
  return copy;
}

export function toTicket(doc: TicketDoc): Ticket {
  const { _id, priorityRank: _rank, createdByKey, customFields, ...rest } = doc;
  return {
    ...rest,
    id: _id,
    createdByKey: createdByKey ?? null,
    customFields: decodeDocument(customFields ?? {}) as JsonObject,
  };
}

function toDoc(ticket: Ticket): TicketDoc {
  const { id, createdByKey, ...rest } = normalizeTimes(ticket);
  return {
    ...rest,
    _id: id,
    priorityRank: PRIORITY_RANK[ticket.priority],
    customFields: encodeDocument(ticket.customFields),
    ...(createdByKey !== null ? { createdByKey } : {}),
  };
}

function filterFor(query: TicketQuery): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (query.workspaceId !== undefined) filter.workspaceId = query.workspaceId;
  if (query.team !== undefined) filter.team = query.team;
  if (query.assignee !== undefined) filter.assignee = query.assignee;
  if (query.customerId !== undefined) filter.customerId = query.customerId;
  if (query.tag !== undefined) filter.tags = query.tag;
  if (query.status !== undefined) {
    filter.status = typeof query.status === 'string' ? query.status : { $in: [...query.status] };
  }
  return filter;
}

export function createMongoTicketRepository(ctx: MongoContext): TicketRepository {
  const { tickets } = ctx.models;
  const session = ctx.session;
  const one = async (filter: Record<string, unknown>) => {
    const doc = await tickets
      .findOne(filter)
      .session(session ?? null)
      .lean<TicketDoc>()
      .exec();
    return doc ? toTicket(doc) : null;
  };

  return {
    async create(ticket) {
      const doc = toDoc(ticket);
      try {
        await tickets.insertMany([doc], { session });
      } catch (error) {
        translateMongoError(error, `Ticket ${ticket.id} (${ticket.number})`);
      }
      return toTicket(doc);
    },
    get: (id) => one({ _id: id }),
    getByNumber: (number) => one({ number }),
    async getMany(ids) {
      if (ids.length === 0) return [];
      const docs = await tickets
        .find({ _id: { $in: [...new Set(ids)] } })
        .session(session ?? null)
        .lean<TicketDoc[]>()
        .exec();
      return docs.map(toTicket);
    },
    findByCreatedKey: (key) => one({ createdByKey: key }),

    async update(id, patch) {
      const set: Record<string, unknown> = { ...normalizeTimes(patch) };
      delete set.id;
      if (patch.customFields !== undefined) set.customFields = encodeDocument(patch.customFields);
      if (patch.priority !== undefined) set.priorityRank = PRIORITY_RANK[patch.priority];
      const doc = await tickets
        .findOneAndUpdate({ _id: id }, { $set: set }, { returnDocument: 'after', session })
        .lean<TicketDoc>()
        .exec();
      return doc ? toTicket(doc) : null;
    },

    async list(query = {}) {
      const sort: Record<string, 1 | -1> =
        query.order === 'queue'
          ? { vipLevel: -1, priorityRank: 1, createdAt: 1, _id: 1 }
          : query.order === 'updated'
            ? { updatedAt: -1, _id: -1 }
            : { createdAt: -1, _id: -1 };
      const docs = await tickets
        .find(filterFor(query))
        .sort(sort)
        .limit(jobListSize(query.limit))
        .session(session ?? null)
        .lean<TicketDoc[]>()
        .exec();
      return docs.map(toTicket);
    },

    async listOverdue(query) {
      const now = normalizeIso(query.now);
      const filter: Record<string, unknown> = {
        status: { $nin: ['resolved', 'closed'] },
        pausedAt: null,
        $or: [
          { resolutionDueAt: { $ne: null, $lte: now } },
          { firstRespondedAt: null, firstResponseDueAt: { $ne: null, $lte: now } },
        ],
      };
      if (query.workspaceId !== undefined) filter.workspaceId = query.workspaceId;
      const docs = await tickets
        .find(filter)
        .sort({ resolutionDueAt: 1, _id: 1 })
        .limit(jobListSize(query.limit))
        .session(session ?? null)
        .lean<TicketDoc[]>()
        .exec();
      return docs.map(toTicket);
    },

    async workload(query) {
      const now = normalizeIso(query.now);
      // listOverdue's rule as an expression (null due times never count: null <= now is true in Mongo).
      const due = (field: string) => ({
        $and: [{ $ne: [{ $ifNull: [field, null] }, null] }, { $lte: [field, now] }],
      });
      const overdue = {
        $and: [
          { $eq: [{ $ifNull: ['$pausedAt', null] }, null] },
          {
            $or: [
              due('$resolutionDueAt'),
              {
                $and: [{ $eq: [{ $ifNull: ['$firstRespondedAt', null] }, null] }, due('$firstResponseDueAt')],
              },
            ],
          },
        ],
      };
      const rows = await tickets
        .aggregate<{
          _id: { team: string | null; assignee: string | null };
          open: number;
          overdue: number;
          atRisk: number;
          oldestCreatedAt: string;
        }>([
          { $match: { workspaceId: query.workspaceId, status: { $nin: ['resolved', 'closed'] } } },
          {
            $group: {
              _id: { team: { $ifNull: ['$team', null] }, assignee: { $ifNull: ['$assignee', null] } },
              open: { $sum: 1 },
              overdue: { $sum: { $cond: [overdue, 1, 0] } },
              atRisk: {
                $sum: { $cond: [{ $and: [{ $not: [overdue] }, { $eq: ['$slaState', 'warning'] }] }, 1, 0] },
              },
              oldestCreatedAt: { $min: '$createdAt' },
            },
          },
          { $sort: { '_id.team': 1, '_id.assignee': 1 } },
        ])
        .session(session ?? null)
        .exec();
      return rows.map((row) => ({
        team: row._id.team,
        assignee: row._id.assignee,
        open: row.open,
        overdue: row.overdue,
        atRisk: row.atRisk,
        oldestCreatedAt: row.oldestCreatedAt,
      }));
    },

    async moveCustomer(fromCustomerId, intoCustomerId) {
      const result = await tickets
        .updateMany({ customerId: fromCustomerId }, { $set: { customerId: intoCustomerId } }, { session })
        .exec();
      return result.modifiedCount;
    },
  };
}

export function createMongoTicketHistoryRepository(ctx: MongoContext): TicketHistoryRepository {
  const { ticketHistory } = ctx.models;
  const session = ctx.session;
  return {
    async append(entries) {
      if (entries.length === 0) return;
      await ticketHistory.insertMany(
        entries.map((entry) => ({
          ...entry,
          from: encodeDocument(entry.from),
          to: encodeDocument(entry.to),
          at: normalizeIso(entry.at),
          note: entry.note ?? null,
        })),
        { session, ordered: true },
      );
    },
    async list(ticketId) {
      const docs = await ticketHistory
        .find({ ticketId })
        .sort({ at: 1, _id: 1 })
        .session(session ?? null)
        .lean<Array<TicketHistoryDoc & { _id: unknown }>>()
        .exec();
      return docs.map((doc) => ({
        ticketId: doc.ticketId,
        at: doc.at,
        actor: { kind: doc.actor.kind, id: doc.actor.id },
        field: doc.field,
        from: decodeDocument(doc.from ?? null) as JsonValue,
        to: decodeDocument(doc.to ?? null) as JsonValue,
        note: doc.note ?? null,
      }));
    },
  };
}

export function createMongoTicketNoteRepository(ctx: MongoContext): TicketNoteRepository {
  const { ticketNotes } = ctx.models;
  const session = ctx.session;
  return {
    async add(note) {
      const doc: TicketNoteDoc = {
        _id: note.id,
        ticketId: note.ticketId,
        author: note.author,
        body: note.body,
        at: normalizeIso(note.at),
      };
      try {
        await ticketNotes.insertMany([doc], { session });
      } catch (error) {
        translateMongoError(error, `Note ${note.id}`);
      }
      return { ...note, at: doc.at };
    },
    async list(ticketId) {
      const docs = await ticketNotes
        .find({ ticketId })
        .sort({ at: 1, _id: 1 })
        .session(session ?? null)
        .lean<TicketNoteDoc[]>()
        .exec();
      return docs.map(toNote);
    },
    async get(id) {
      const doc = await ticketNotes
        .findOne({ _id: id })
        .session(session ?? null)
        .lean<TicketNoteDoc>()
        .exec();
      return doc ? toNote(doc) : null;
    },
  };
}

function toNote(doc: TicketNoteDoc): TicketNote {
  return {
    id: doc._id,
    ticketId: doc.ticketId,
    author: { kind: doc.author.kind, id: doc.author.id },
    body: doc.body,
    at: doc.at,
  };
}
