import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../open-sqlite-store.ts';
import { applyMigrations, SQLITE_MIGRATIONS } from '../sqlite-migrations.ts';

const directory = mkdtempSync(join(tmpdir(), 'flowdesk-migration-023-'));

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('migration 023: sla policy calendar', () => {
  it('keeps policies saved before it on the team calendar, and team calendars without make-up workdays', async () => {
    const path = join(directory, 'before-023.sqlite');
    const old = new Database(path);
    applyMigrations(
      old,
      SQLITE_MIGRATIONS.filter((migration) => migration.version < 23),
    );
    old
      .prepare(
        `INSERT INTO sla_policies (id, workspace_id, name, match, first_response_minutes, resolution_minutes,
           warn_at_share, sort_order) VALUES ('urgent', 'ws-1', 'Urgent', '{}', 60, 480, 0.8, 1)`,
      )
      .run();
    // A team calendar as written before make-up workdays (调休) existed: no `workdays` at all.
    old
      .prepare(
        `INSERT INTO teams (id, workspace_id, name, skills, calendar, supervisor_queue)
           VALUES ('office', 'ws-1', '{"zh-CN":"办公室","en":"Office"}', '[]', ?, NULL)`,
      )
      .run(
        JSON.stringify({
          timezone: 'Asia/Shanghai',
          weekly: [{ days: ['mon'], from: '09:00', to: '18:00' }],
          holidays: ['2026-10-01'],
        }),
      );
    old.close();

    const store = await openSqliteStore({ path });
    expect(await store.slaPolicies.get('urgent')).toMatchObject({ firstResponseMinutes: 60, calendar: null });
    expect((await store.teams.get('office'))?.calendar).toEqual({
      timezone: 'Asia/Shanghai',
      weekly: [{ days: ['mon'], from: '09:00', to: '18:00' }],
      holidays: ['2026-10-01'],
      workdays: [],
    });
    await store.close();
  });
});
