import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../open-sqlite-store.ts';
import { applyMigrations, SQLITE_MIGRATIONS } from '../sqlite-migrations.ts';

/**
 * Migration 047: the executions search matches part of a name by reading only the
 * names at least as long as the term. What a search finds must not change: a
 * name holding the whole term is found whatever its length, characters outside
 * the BMP count as one, and a term longer than every name finds none. That the
 * bound becomes an index range is checked on the plan here and, for the SQL the
 * search builds, in 041's test.
 */

const directory = mkdtempSync(join(tmpdir(), 'flowdesk-migration-047-'));
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

let store: SqliteStore;

function create(id: string, customer: Record<string, string>, minute: number) {
  return store.executions.create({
    id,
    flowId: 'flow-1',
    version: 1,
    status: 'completed',
    state: { data: { customer, variables: {} } },
    startedAt: new Date(Date.UTC(2026, 10, 1) + minute * 60_000).toISOString(),
  });
}

async function found(search: string): Promise<string[]> {
  return (await store.executions.list({ search, limit: 50 })).items.map((item) => item.id).sort();
}

describe('migration 047: executions by customer name length', () => {
  beforeEach(async () => {
    store = await openSqliteStore({ path: ':memory:' });
    await create('short', { name: '王' }, 1);
    await create('pair', { name: '王五' }, 2);
    await create('digits', { name: '小王123' }, 3);
    await create('exact', { name: 'CS20261122001' }, 4);
    await create('longer', { name: '客户 CS20261122001 的家人' }, 5);
    await create('emoji', { name: '李🙂雷' }, 6);
    await create('phone', { name: '赵六', phone: '13812345678' }, 7);
    await create('none', { email: 'someone@example.com' }, 8);
  });
  afterEach(() => store.close());

  it('finds every name that holds the term, as long as the term or longer', async () => {
    expect(await found('王')).toEqual(['digits', 'pair', 'short']);
    expect(await found('王五')).toEqual(['pair']);
    expect(await found('123')).toEqual(['digits']);
    expect(await found('CS20261122001')).toEqual(['exact', 'longer']);
    expect(await found('cs20261122001')).toEqual(['exact', 'longer']);
  });

  it('counts a character outside the BMP as one, as SQLite does', async () => {
    expect(await found('李🙂雷')).toEqual(['emoji']);
    expect(await found('🙂')).toEqual(['emoji']);
  });

  it('still finds the whole phone by its own index, and nothing for a term longer than every name', async () => {
    expect(await found('138 1234 5678')).toEqual(['phone']);
    expect(await found('一个比所有名字都长得多的搜索词语')).toEqual([]);
  });

  it('reads the name by a range on its length: a long term reads the long names only', () => {
    const plan = (
      store.database
        .prepare(
          `EXPLAIN QUERY PLAN SELECT rowid FROM executions INDEXED BY executions_by_name_length
           WHERE (length(customer_name) >= ? AND customer_name IS NOT NULL AND customer_name LIKE ?)`,
        )
        .all(13, '%CS20261122001%') as Array<{ detail: string }>
    ).map((row) => row.detail);
    expect(plan).toEqual(['SEARCH executions USING COVERING INDEX executions_by_name_length (<expr>>?)']);
  });

  it('builds both indexes over the executions already stored and drops 041’s', async () => {
    const path = join(directory, 'before-047.sqlite');
    const old = new Database(path);
    applyMigrations(
      old,
      SQLITE_MIGRATIONS.filter((migration) => migration.version < 47),
    );
    old
      .prepare(
        `INSERT INTO executions (id, flow_id, version, status, current_node_id, state, revision, started_at,
           updated_at, finished_at, customer_name)
         VALUES ('stored', 'flow-1', 1, 'completed', NULL, '{}', 1, ?, ?, NULL, '客户 CS20261122001')`,
      )
      .run('2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z');
    old.close();
    const upgraded = await openSqliteStore({ path });
    try {
      expect(
        (await upgraded.executions.list({ search: 'CS20261122001' })).items.map((item) => item.id),
      ).toEqual(['stored']);
    } finally {
      await upgraded.close();
    }
    const db = new Database(path, { readonly: true });
    const indexes = (
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'executions'")
        .pluck()
        .all() as string[]
    ).sort();
    db.close();
    expect(indexes).toContain('executions_by_name_length');
    expect(indexes).toContain('executions_by_phone');
    expect(indexes).not.toContain('executions_by_contact');
  });
});
