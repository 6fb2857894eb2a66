import { type AnalyticsRepository, analyticsLimit } from '../port/analytics.types.ts';
import type { JsonValue } from '../port/json.types.ts';
import { normalizeIso } from '../shared/time.ts';
import type { MongoContext } from './mongo-context.ts';
import type { TicketDoc, TicketHistoryDoc } from './mongo-desk-models.ts';
import { decodeDocument } from './mongo-key-codec.ts';
import { toTicket } from './mongo-tickets.repo.ts';

/** Ids per `$in` query, so one request stays far below the 16 MB command limit. */
const ID_CHUNK = 1000;

export function createMongoAnalyticsRepository(ctx: MongoContext): AnalyticsRepository {
  const { tickets, ticketHistory } = ctx.models;
  const session = ctx.session;
  return {
    async ticketsForPeriod(query) {
      // { workspaceId, updatedAt } and { workspaceId, status, … } serve the two sides of the $or.
      const docs = await tickets
        .find({
          workspaceId: query.workspaceId,
          createdAt: { $lt: normalizeIso(query.to) },
          $or: [
            { updatedAt: { $gte: normalizeIso(query.from) } },
            { status: { $nin: ['resolved', 'closed'] } },
          ],
        })
        .sort({ createdAt: 1, _id: 1 })
        .limit(analyticsLimit(query.limit) + 1)
        .session(session ?? null)
        .lean<TicketDoc[]>()
        .exec();
      return docs.map(toTicket);
    },
    async historyOfTickets(ticketIds) {
      const entries = [];
      for (let start = 0; start < ticketIds.length; start += ID_CHUNK) {
        const docs = await ticketHistory
          .find({ ticketId: { $in: ticketIds.slice(start, start + ID_CHUNK) } })
          .sort({ ticketId: 1, at: 1, _id: 1 })
          .session(session ?? null)
          .lean<Array<TicketHistoryDoc & { _id: unknown }>>()
          .exec();
        // The same reading as TicketHistoryRepository.list.
        for (const doc of docs) {
          entries.push({
            ticketId: doc.ticketId,
            at: doc.at,
            actor: { kind: doc.actor.kind, id: doc.actor.id },
            field: doc.field,
            from: decodeDocument(doc.from ?? null) as JsonValue,
            to: decodeDocument(doc.to ?? null) as JsonValue,
            note: doc.note ?? null,
          });
        }
      }
      return entries;
    },
  };
}
