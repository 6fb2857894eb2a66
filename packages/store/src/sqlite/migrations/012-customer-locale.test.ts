import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../open-sqlite-store.ts';
import { applyMigrations, SQLITE_MIGRATIONS } from '../sqlite-migrations.ts';

const directory = mkdtempSync(join(tmpdir(), 'flowdesk-migration-012-'));

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('migration 012: customer locale', () => {
  it('keeps customers saved before it, with an unknown language that can be set later', async () => {
    const path = join(directory, 'before-012.sqlite');
    const old = new Database(path);
    applyMigrations(
      old,
      SQLITE_MIGRATIONS.filter((migration) => migration.version < 12),
    );
    old
      .prepare(
        `INSERT INTO customers (id, workspace_id, name, tags, vip_level, request_count, complaint_count,
           last_contact_at, created_at, updated_at) VALUES ('c1', 'ws-1', '王小明', '[]', 0, 2, 0, NULL, ?, ?)`,
      )
      .run('2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z');
    old.close();

    const store = await openSqliteStore({ path });
    const kept = await store.customers.get('c1');
    expect(kept).toMatchObject({ name: '王小明', requestCount: 2, locale: null });
    const updated = await store.customers.update('c1', { locale: 'en' }, '2025-01-02T00:00:00.000Z');
    expect(updated?.locale).toBe('en');
    await store.close();
  });
});
