import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from './open-sqlite-store.ts';

describe('SQLite idempotency purge', () => {
  let store: SqliteStore;
  beforeEach(async () => {
    store = await openSqliteStore({ path: ':memory:' });
  });
  afterEach(() => store.close());

  it('removes a backlog larger than one batch, and only what is older than the cut-off', async () => {
    const insert = store.database.prepare(
      'INSERT INTO idempotency_keys (scope, key, request_hash, response, created_at) VALUES (?, ?, ?, NULL, ?)',
    );
    store.database.transaction(() => {
      for (let n = 0; n < 12_345; n++) insert.run('intake', `old-${n}`, 'h', '2026-11-01T00:00:00.000Z');
      for (let n = 0; n < 10; n++) insert.run('intake', `new-${n}`, 'h', '2026-11-20T00:00:00.000Z');
    })();
    expect(await store.idempotency.purgeBefore('2026-11-10T00:00:00.000Z')).toBe(12_345);
    const left = store.database.prepare('SELECT COUNT(*) AS n FROM idempotency_keys').get() as { n: number };
    expect(left.n).toBe(10);
  });
});
