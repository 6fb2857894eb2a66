import type { CounterRepository, IdempotencyRepository, StoredResponse } from '../port/idempotency.types.ts';
import { normalizeIso } from '../shared/time.ts';
import { parseJson, type SqliteContext } from './sqlite-context.ts';

const PURGE_BATCH = 5000;

interface KeyRow {
  request_hash: string;
  response: string | null;
  created_at: string;
}

export function createSqliteIdempotencyRepository(ctx: SqliteContext): IdempotencyRepository {
  const { statement, run } = ctx;
  return {
    reserve(scope, key, requestHash, now, staleBefore) {
      return run(() => {
        const inserted = statement(
          `INSERT INTO idempotency_keys (scope, key, request_hash, response, created_at)
           VALUES (?, ?, ?, NULL, ?) ON CONFLICT (scope, key) DO NOTHING`,
        ).run(scope, key, requestHash, normalizeIso(now));
        if (inserted.changes > 0) return { outcome: 'new' as const };
        const row = statement(
          'SELECT request_hash, response, created_at FROM idempotency_keys WHERE scope = ? AND key = ?',
        ).get(scope, key) as KeyRow;
        if (row.request_hash !== requestHash) return { outcome: 'mismatch' as const };
        if (row.response === null) {
          const takenOver =
            staleBefore !== undefined &&
            statement(
              `UPDATE idempotency_keys SET created_at = ?
               WHERE scope = ? AND key = ? AND response IS NULL AND created_at < ?`,
            ).run(normalizeIso(now), scope, key, normalizeIso(staleBefore)).changes > 0;
          return takenOver
            ? { outcome: 'new' as const }
            : { outcome: 'in_progress' as const, reservedAt: row.created_at };
        }
        return { outcome: 'replay' as const, response: parseJson<StoredResponse>(row.response) };
      });
    },

    saveResponse(scope, key, response, now) {
      return run(
        () =>
          statement(
            'UPDATE idempotency_keys SET response = ?, completed_at = ? WHERE scope = ? AND key = ?',
          ).run(JSON.stringify(response), normalizeIso(now), scope, key).changes > 0,
      );
    },

    release(scope, key) {
      return run(
        () =>
          statement('DELETE FROM idempotency_keys WHERE scope = ? AND key = ?').run(scope, key).changes > 0,
      );
    },

    // In batches, each its own write: a week of backlog never holds the write lock for long.
    async purgeBefore(before) {
      const cutoff = normalizeIso(before);
      let removed = 0;
      for (;;) {
        const changes = await run(
          () =>
            statement(
              `DELETE FROM idempotency_keys WHERE (scope, key) IN
                 (SELECT scope, key FROM idempotency_keys WHERE created_at < ? LIMIT ${PURGE_BATCH})`,
            ).run(cutoff).changes,
        );
        removed += changes;
        if (changes < PURGE_BATCH) return removed;
      }
    },
  };
}

export function createSqliteCounterRepository(ctx: SqliteContext): CounterRepository {
  const { statement, run } = ctx;
  return {
    next(name) {
      return run(() => {
        const row = statement(
          `INSERT INTO counters (name, value) VALUES (?, 1)
           ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value`,
        ).get(name) as { value: number };
        return row.value;
      });
    },

    current(name) {
      return run(() => {
        const row = statement('SELECT value FROM counters WHERE name = ?').get(name) as
          | { value: number }
          | undefined;
        return row?.value ?? 0;
      });
    },
  };
}
