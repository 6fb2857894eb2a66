import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../open-sqlite-store.ts';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-01-01T00:00:00.000Z');

function plan(store: Awaited<ReturnType<typeof openSqliteStore>>, sql: string): string {
  return (store.database.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>)
    .map((row) => row.detail)
    .join(' | ');
}

describe('migration 045: open intervals by start', () => {
  it('reads an early instant by start and a late one by end, each within its index', async () => {
    const store = await openSqliteStore({ path: ':memory:' });
    try {
      const insert = store.database.prepare(
        'INSERT INTO kpi_open_intervals (ticket_id, start_at, end_at) VALUES (?, ?, ?)',
      );
      for (let hour = 0; hour < 100; hour++)
        insert.run(`t-${hour}`, T0 + hour * HOUR, T0 + (hour + 2) * HOUR);
      const where = (at: number) => `WHERE i.end_at > ${at} AND i.start_at <= ${at}`;
      const early = T0 + 10 * HOUR;
      const late = T0 + 90 * HOUR;
      expect(
        plan(
          store,
          `SELECT i.ticket_id FROM kpi_open_intervals i INDEXED BY kpi_open_by_start ${where(early)}`,
        ),
      ).toContain('USING COVERING INDEX kpi_open_by_start (start_at<?)');
      // What each side walks: by start, the intervals starting before the instant; by end, those ending after it.
      const walked = (index: string, bound: string, at: number) =>
        store.database
          .prepare(`SELECT count(*) FROM kpi_open_intervals INDEXED BY ${index} WHERE ${bound}`)
          .pluck()
          .get(at);
      expect(walked('kpi_open_by_start', 'start_at <= ?', early)).toBe(11);
      expect(walked('kpi_open_by_end', 'end_at > ?', early)).toBe(91);
      expect(walked('kpi_open_by_start', 'start_at <= ?', late)).toBe(91);
      expect(walked('kpi_open_by_end', 'end_at > ?', late)).toBe(11);
      const filters = { workspaceId: 'default' };
      // No fact rows: the reads answer nothing from either side, and do not fail.
      expect(await store.kpiRollups.backlogCreated(filters, early)).toEqual([]);
      expect(await store.kpiRollups.backlogCreated(filters, late)).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
