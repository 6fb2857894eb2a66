import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../open-sqlite-store.ts';
import { applyMigrations, SQLITE_MIGRATIONS } from '../sqlite-migrations.ts';

const directory = mkdtempSync(join(tmpdir(), 'flowdesk-migration-044-'));

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-02T02:00:00.000Z');

function insertFact(
  db: Database.Database,
  id: string,
  fields: { resolvedAt: number | null; fcrOk: boolean },
) {
  db.prepare(
    `INSERT INTO kpi_ticket_facts (ticket_id, workspace_id, created_at, resolved_at, held_since, team, channel,
       flow_id, category, agent, customer_id, data)
     VALUES (?, 'ws-1', ?, ?, NULL, 'after_sales', 'web', 'flow-1', 'returns', 'agent-1', 'c-1', ?)`,
  ).run(id, T0, fields.resolvedAt, JSON.stringify({ ticketId: id, fcrOk: fields.fcrOk }));
  if (fields.resolvedAt === null)
    db.prepare('INSERT INTO kpi_open_intervals (ticket_id, start_at, end_at) VALUES (?, ?, ?)').run(
      id,
      T0,
      Number.MAX_SAFE_INTEGER,
    );
}

function plan(db: Database.Database, sql: string, params: unknown[]): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>)
    .map((row) => row.detail)
    .join(' | ');
}

describe('migration 044: KPI fact keys from indexes', () => {
  it('fills fcr_ok from the stored facts, and the key reads never touch the table', async () => {
    const path = join(directory, 'before-044.sqlite');
    const old = new Database(path);
    applyMigrations(
      old,
      SQLITE_MIGRATIONS.filter((migration) => migration.version < 44),
    );
    insertFact(old, 'ok', { resolvedAt: T0 + DAY, fcrOk: true });
    insertFact(old, 'reopened', { resolvedAt: T0 + DAY, fcrOk: false });
    insertFact(old, 'open', { resolvedAt: null, fcrOk: false });
    old.close();

    const store = await openSqliteStore({ path });
    try {
      const db = store.database;
      const stored = db.prepare('SELECT ticket_id, fcr_ok FROM kpi_ticket_facts ORDER BY ticket_id').all();
      expect(stored).toEqual([
        { ticket_id: 'ok', fcr_ok: 1 },
        { ticket_id: 'open', fcr_ok: 0 },
        { ticket_id: 'reopened', fcr_ok: 0 },
      ]);

      const filters = { workspaceId: 'ws-1', team: 'after_sales' };
      const resolved = await store.kpiRollups.resolvedKeys(filters, T0, T0 + 2 * DAY);
      expect(resolved.map((keys) => keys.fcrOk).sort()).toEqual([false, true]);
      const backlog = await store.kpiRollups.backlog(filters, T0 + 2 * DAY);
      expect(backlog).toEqual([
        {
          team: 'after_sales',
          channel: 'web',
          category: 'returns',
          agent: 'agent-1',
          createdAt: T0,
          resolvedAt: null,
          fcrOk: false,
        },
      ]);

      const keys = 'f.team, f.channel, f.category, f.agent, f.created_at, f.resolved_at, f.fcr_ok';
      expect(
        plan(
          db,
          `SELECT ${keys} FROM kpi_ticket_facts f INDEXED BY kpi_facts_resolved_keys
           WHERE f.workspace_id = ? AND f.resolved_at >= ? AND f.resolved_at < ? AND f.team = ?`,
          ['ws-1', T0, T0 + DAY, 'after_sales'],
        ),
      ).toContain('USING COVERING INDEX kpi_facts_resolved_keys');
      expect(
        plan(
          db,
          `SELECT ${keys} FROM kpi_open_intervals i INDEXED BY kpi_open_by_end
             CROSS JOIN kpi_ticket_facts f INDEXED BY kpi_facts_keys ON f.ticket_id = i.ticket_id
           WHERE i.end_at > ? AND i.start_at <= ? AND f.workspace_id = ? AND f.created_at < ?`,
          [T0, T0, 'ws-1', T0],
        ),
      ).toContain('USING COVERING INDEX kpi_facts_keys');
      expect(
        plan(
          db,
          `SELECT kind, score, answered_at FROM surveys WHERE workspace_id = ? AND answered_at >= ?
             AND answered_at < ? AND score IS NOT NULL AND ticket_id IS NULL`,
          ['ws-1', '2026-11-01', '2026-12-01'],
        ),
      ).toContain('USING INDEX surveys_unticketed');
    } finally {
      await store.close();
    }
  });

  it('writes fcr_ok with every fact row the rollup job stores', async () => {
    const store = await openSqliteStore({ path: ':memory:' });
    try {
      const fact = (fcrOk: boolean) => ({
        ticketId: 't-1',
        workspaceId: 'ws-1',
        createdAt: T0,
        resolvedAt: T0 + DAY,
        heldSince: null,
        team: null,
        channel: 'web',
        flowId: null,
        category: null,
        agent: null,
        customerId: null,
        data: JSON.stringify({ fcrOk }),
        open: [] as Array<[number, number | null]>,
      });
      for (const fcrOk of [true, false]) {
        await store.kpiRollups.write({ facts: [fact(fcrOk)], removed: [], done: [], changes: () => [] });
        const keys = await store.kpiRollups.resolvedKeys({ workspaceId: 'ws-1' }, T0, T0 + 2 * DAY);
        expect(keys.map((key) => key.fcrOk)).toEqual([fcrOk]);
      }
    } finally {
      await store.close();
    }
  });
});
