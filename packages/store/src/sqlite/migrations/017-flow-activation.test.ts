import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleGraph } from '../../contract/contract-context.ts';
import { openSqliteStore } from '../open-sqlite-store.ts';
import { applyMigrations, SQLITE_MIGRATIONS } from '../sqlite-migrations.ts';

const directory = mkdtempSync(join(tmpdir(), 'flowdesk-migration-017-'));

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('migration 017: flow activation and order', () => {
  it('keeps flows saved before it on, ordered by creation, and puts a new flow last', async () => {
    const path = join(directory, 'before-017.sqlite');
    const old = new Database(path);
    applyMigrations(
      old,
      SQLITE_MIGRATIONS.filter((migration) => migration.version < 17),
    );
    const insert = old.prepare(
      `INSERT INTO flows (id, workspace_id, name, description, draft, draft_revision, created_by, created_at,
         updated_by, updated_at, archived_at) VALUES (?, 'ws-1', ?, '', '{}', 1, 'u', ?, 'u', ?, NULL)`,
    );
    insert.run('late', '后建', '2025-03-01T00:00:00.000Z', '2025-03-01T00:00:00.000Z');
    insert.run('early', '先建', '2025-01-01T00:00:00.000Z', '2025-04-01T00:00:00.000Z');
    old.close();

    const store = await openSqliteStore({ path });
    expect(await store.flows.get('early')).toMatchObject({ enabled: true, position: 0 });
    expect(await store.flows.get('late')).toMatchObject({ enabled: true, position: 1 });
    const created = await store.flows.create({
      id: 'new',
      workspaceId: 'ws-1',
      name: '新建',
      draft: sampleGraph(),
      createdBy: 'u',
      now: '2025-05-01T00:00:00.000Z',
    });
    expect(created.position).toBe(2);
    await store.close();
  });
});
