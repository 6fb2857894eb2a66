import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../open-sqlite-store.ts';
import { applyMigrations, SQLITE_MIGRATIONS } from '../sqlite-migrations.ts';

const directory = mkdtempSync(join(tmpdir(), 'flowdesk-migration-045-'));

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

const HOUR = 3_600_000;
const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const OPEN_END = Number.MAX_SAFE_INTEGER;

function plan(db: Database.Database, sql: string, params: unknown[]): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>)
    .map((row) => row.detail)
    .join(' | ');
}

/** A ticket created at hour `hour`, open for two hours (or still open), as the fold stores it before 045. */
function insertBefore045(db: Database.Database, hour: number, team: string, open: boolean) {
  const id = `t-${hour}`;
  db.prepare(
    `INSERT INTO kpi_ticket_facts (ticket_id, workspace_id, created_at, resolved_at, held_since, team, channel,
       flow_id, category, agent, customer_id, data, fcr_ok)
     VALUES (?, 'ws-1', ?, ?, NULL, ?, 'web', 'flow-1', 'returns', NULL, NULL, '{}', 0)`,
  ).run(id, T0 + hour * HOUR, open ? null : T0 + (hour + 2) * HOUR, team);
  db.prepare('INSERT INTO kpi_open_intervals (ticket_id, start_at, end_at) VALUES (?, ?, ?)').run(
    id,
    T0 + hour * HOUR,
    open ? OPEN_END : T0 + (hour + 2) * HOUR,
  );
}

describe('migration 045: the backlog and the day sums from indexes', () => {
  it('copies each ticket’s keys onto its intervals, and the tiles’ backlog reads one index either way', async () => {
    const path = join(directory, 'before-045.sqlite');
    const old = new Database(path);
    applyMigrations(
      old,
      SQLITE_MIGRATIONS.filter((migration) => migration.version < 45),
    );
    for (let hour = 0; hour < 100; hour++)
      insertBefore045(old, hour, hour % 2 === 0 ? 'a' : 'b', hour % 10 === 0);
    // An interval without a fact row (never written so; kept harmless): it belongs to no workspace.
    old
      .prepare('INSERT INTO kpi_open_intervals (ticket_id, start_at, end_at) VALUES (?, ?, ?)')
      .run('orphan', T0, OPEN_END);
    old.close();

    const store = await openSqliteStore({ path });
    try {
      const db = store.database;
      expect(
        db
          .prepare(
            "SELECT workspace_id, created_at, team, channel, flow_id FROM kpi_open_intervals WHERE ticket_id IN ('t-3', 'orphan') ORDER BY ticket_id",
          )
          .all(),
      ).toEqual([
        { workspace_id: '', created_at: 0, team: null, channel: '', flow_id: null },
        { workspace_id: 'ws-1', created_at: T0 + 3 * HOUR, team: 'b', channel: 'web', flow_id: 'flow-1' },
      ]);

      const early = T0 + 10 * HOUR + 1;
      const late = T0 + 90 * HOUR + 1;
      // Open at `early`: t-9 and t-10 (two hours each), t-0 (never closed); at `late`: t-89, t-90 and every tenth.
      const created = async (at: number, team?: string) =>
        [...(await store.kpiRollups.backlogCreated({ workspaceId: 'ws-1', team }, at))].sort((x, y) => x - y);
      expect(await created(early)).toEqual([0, 9, 10].map((hour) => T0 + hour * HOUR));
      expect(await created(late)).toEqual(
        [0, 10, 20, 30, 40, 50, 60, 70, 80, 89, 90].map((hour) => T0 + hour * HOUR),
      );
      expect(await created(late, 'b')).toEqual([T0 + 89 * HOUR]);
      const keys = await store.kpiRollups.backlog({ workspaceId: 'ws-1', team: 'a' }, early);
      expect(keys.map((row) => [row.createdAt, row.team, row.category])).toEqual(
        expect.arrayContaining([
          [T0, 'a', 'returns'],
          [T0 + 10 * HOUR, 'a', 'returns'],
        ]),
      );
      expect(keys).toHaveLength(2);

      const backlog = (index: string) =>
        `SELECT i.created_at FROM kpi_open_intervals i INDEXED BY ${index}
         WHERE i.end_at > ? AND i.start_at <= ? AND i.workspace_id = ? AND i.created_at < ? AND i.team = ?`;
      expect(plan(db, backlog('kpi_open_by_start'), [early, early, 'ws-1', early, 'a'])).toBe(
        'SEARCH i USING COVERING INDEX kpi_open_by_start (start_at<?)',
      );
      expect(plan(db, backlog('kpi_open_by_end'), [late, late, 'ws-1', late, 'a'])).toBe(
        'SEARCH i USING COVERING INDEX kpi_open_by_end (end_at>?)',
      );
      // What each side walks: by start, the intervals starting before the instant; by end, those ending after it.
      const walked = (index: string, bound: string, at: number) =>
        db
          .prepare(`SELECT count(*) FROM kpi_open_intervals INDEXED BY ${index} WHERE ${bound}`)
          .pluck()
          .get(at);
      expect(walked('kpi_open_by_start', 'start_at <= ?', early)).toBe(12);
      expect(walked('kpi_open_by_end', 'end_at > ?', early)).toBe(93);
      expect(walked('kpi_open_by_end', 'end_at > ?', late)).toBe(21);

      expect(
        plan(
          db,
          `SELECT r.day, SUM(r.created_n) AS n FROM kpi_rollup r INDEXED BY kpi_rollup_counts
           WHERE r.workspace_id = ? AND r.grp = '' AND r.day >= ? AND r.day < ? AND r.team = ? GROUP BY r.day`,
          ['ws-1', '2026-01-01', '2026-02-01', 'a'],
        ),
      ).toContain('USING COVERING INDEX kpi_rollup_counts');
    } finally {
      await store.close();
    }
  });
});
