import type { AuditEntry, AuditLogRepository, AuditQuery } from '../port/audit.types.ts';
import type { JsonObject } from '../port/json.types.ts';
import { decodeExecutionCursor, encodeExecutionCursor } from '../shared/execution-cursor.ts';
import { executionPageSize } from '../shared/page-size.ts';
import { normalizeIso } from '../shared/time.ts';
import type { AuditDoc } from './mongo-audit.model.ts';
import { type MongoContext, translateMongoError } from './mongo-context.ts';

function toEntry(doc: AuditDoc): AuditEntry {
  return {
    id: doc._id,
    at: doc.at,
    actor: { kind: doc.actorKind, id: doc.actorId, label: doc.actorLabel },
    action: doc.action,
    target: doc.target,
    ip: doc.ip,
    outcome: doc.outcome,
    details: JSON.parse(doc.details) as JsonObject,
  };
}

function listFilter(query: AuditQuery): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  const and: Record<string, unknown>[] = [];
  if (query.action) filter.action = query.action;
  if (query.actor) and.push({ $or: [{ actorId: query.actor }, { actorLabel: query.actor }] });
  const at: Record<string, string> = {};
  if (query.from) at.$gte = normalizeIso(query.from);
  if (query.to) at.$lt = normalizeIso(query.to);
  if (Object.keys(at).length > 0) and.push({ at });
  if (query.cursor) {
    const cursor = decodeExecutionCursor(query.cursor);
    and.push({ $or: [{ at: { $lt: cursor.startedAt } }, { at: cursor.startedAt, _id: { $lt: cursor.id } }] });
  }
  if (and.length > 0) filter.$and = and;
  return filter;
}

export function createMongoAuditLogRepository(ctx: MongoContext): AuditLogRepository {
  const { auditLog } = ctx.models;
  const session = ctx.session;
  return {
    async append(entry) {
      try {
        await auditLog.create(
          [
            {
              _id: entry.id,
              at: normalizeIso(entry.at),
              actorKind: entry.actor.kind,
              actorId: entry.actor.id,
              actorLabel: entry.actor.label ?? null,
              action: entry.action,
              target: entry.target,
              ip: entry.ip,
              outcome: entry.outcome,
              details: JSON.stringify(entry.details),
            },
          ],
          { session },
        );
      } catch (error) {
        translateMongoError(error, `audit entry ${entry.id}`);
      }
    },

    async list(query = {}) {
      const limit = executionPageSize(query.limit);
      const docs = await auditLog
        .find(listFilter(query))
        .sort({ at: -1, _id: -1 })
        .limit(limit + 1)
        .session(session ?? null)
        .lean<AuditDoc[]>()
        .exec();
      const items = docs.slice(0, limit).map(toEntry);
      const last = items.at(-1);
      const nextCursor =
        docs.length > limit && last ? encodeExecutionCursor({ startedAt: last.at, id: last.id }) : null;
      return { items, nextCursor };
    },

    async purgeBefore(before) {
      const result = await auditLog.deleteMany({ at: { $lt: normalizeIso(before) } }, { session }).exec();
      return result.deletedCount;
    },
  };
}
