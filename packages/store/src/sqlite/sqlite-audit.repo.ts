import type { AuditEntry, AuditLogRepository, AuditQuery } from '../port/audit.types.ts';
import type { JsonObject } from '../port/json.types.ts';
import { decodeExecutionCursor, encodeExecutionCursor } from '../shared/execution-cursor.ts';
import { executionPageSize } from '../shared/page-size.ts';
import { normalizeIso } from '../shared/time.ts';
import { parseJson, type SqliteContext, translateConstraint } from './sqlite-context.ts';

const PURGE_BATCH = 5000;

interface AuditRow {
  id: string;
  at: string;
  actor_kind: AuditEntry['actor']['kind'];
  actor_id: string;
  actor_label: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  outcome: AuditEntry['outcome'];
  details: string;
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actor: { kind: row.actor_kind, id: row.actor_id, label: row.actor_label },
    action: row.action,
    target: row.target,
    ip: row.ip,
    outcome: row.outcome,
    details: parseJson<JsonObject>(row.details),
  };
}

// Pages use the executions' cursor shape: (time, id) of the last row, opaque to callers.
function buildListQuery(query: AuditQuery): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.action) {
    where.push('action = ?');
    params.push(query.action);
  }
  if (query.actor) {
    where.push('(actor_id = ? OR actor_label = ?)');
    params.push(query.actor, query.actor);
  }
  if (query.from) {
    where.push('at >= ?');
    params.push(normalizeIso(query.from));
  }
  if (query.to) {
    where.push('at < ?');
    params.push(normalizeIso(query.to));
  }
  if (query.cursor) {
    const cursor = decodeExecutionCursor(query.cursor);
    where.push('(at < ? OR (at = ? AND id < ?))');
    params.push(cursor.startedAt, cursor.startedAt, cursor.id);
  }
  const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  return { sql: `SELECT * FROM audit_log ${whereSql} ORDER BY at DESC, id DESC LIMIT ?`, params };
}

export function createSqliteAuditLogRepository(ctx: SqliteContext): AuditLogRepository {
  const { statement, run } = ctx;
  return {
    append(entry) {
      return run(() => {
        try {
          statement(
            `INSERT INTO audit_log (id, at, actor_kind, actor_id, actor_label, action, target, ip, outcome, details)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(
            entry.id,
            normalizeIso(entry.at),
            entry.actor.kind,
            entry.actor.id,
            entry.actor.label ?? null,
            entry.action,
            entry.target,
            entry.ip,
            entry.outcome,
            JSON.stringify(entry.details),
          );
        } catch (error) {
          translateConstraint(error, `audit entry ${entry.id}`);
        }
      });
    },

    list(query = {}) {
      return run(() => {
        const limit = executionPageSize(query.limit);
        const { sql, params } = buildListQuery(query);
        // One extra row tells whether another page exists without a COUNT.
        const rows = statement(sql).all(...params, limit + 1) as AuditRow[];
        const items = rows.slice(0, limit).map(toEntry);
        const last = items.at(-1);
        const nextCursor =
          rows.length > limit && last ? encodeExecutionCursor({ startedAt: last.at, id: last.id }) : null;
        return { items, nextCursor };
      });
    },

    // In batches, each its own write: a year of backlog never holds the write lock for long.
    async purgeBefore(before) {
      const cutoff = normalizeIso(before);
      let removed = 0;
      for (;;) {
        const changes = await run(
          () =>
            statement(
              `DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE at < ? LIMIT ${PURGE_BATCH})`,
            ).run(cutoff).changes,
        );
        removed += changes;
        if (changes < PURGE_BATCH) return removed;
      }
    },
  };
}
