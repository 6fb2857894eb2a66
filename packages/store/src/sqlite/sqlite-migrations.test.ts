import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from './open-sqlite-store.ts';
import { applyMigrations, SQLITE_MIGRATIONS } from './sqlite-migrations.ts';

const directory = mkdtempSync(join(tmpdir(), 'flowdesk-migrations-'));

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('sqlite migrations', () => {
  it('records every migration once and keeps data when the file is opened again', async () => {
    const path = join(directory, 'reopen.sqlite');
    const first = await openSqliteStore({ path });
    const versions = first.database.prepare('SELECT version FROM schema_migrations ORDER BY version').all();
    expect(versions).toEqual(SQLITE_MIGRATIONS.map((migration) => ({ version: migration.version })));
    expect(first.database.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.database.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(first.database.pragma('secure_delete', { simple: true })).toBe(1);
    await first.counters.next('kept');
    await first.close();

    const second = await openSqliteStore({ path });
    expect(applyMigrations(second.database)).toEqual([]);
    expect(await second.counters.current('kept')).toBe(1);
    await second.close();
  });

  it('applies only the migrations a database has not seen yet', async () => {
    const path = join(directory, 'upgrade.sqlite');
    const store = await openSqliteStore({ path });
    const next = { version: 1000, name: 'test column', sql: 'ALTER TABLE counters ADD COLUMN note TEXT' };
    expect(applyMigrations(store.database, [...SQLITE_MIGRATIONS, next])).toEqual([1000]);
    expect(applyMigrations(store.database, [...SQLITE_MIGRATIONS, next])).toEqual([]);
    await store.close();
  });
});
