import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../open-sqlite-store.ts';

/**
 * Migration 048 drops jobs_by_status. Each job query must still find its rows
 * through another index: a plan that fell back to scanning the jobs would grow
 * with every finished job kept for retention.
 */

let store: SqliteStore;

function plan(sql: string, ...params: unknown[]): string {
  const rows = store.database.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{
    detail: string;
  }>;
  return rows.map((row) => row.detail).join(' | ');
}

describe('migration 048: jobs_by_status dropped', () => {
  beforeEach(async () => {
    store = await openSqliteStore({ path: ':memory:' });
  });
  afterEach(async () => {
    await store.close();
  });

  it('leaves no jobs_by_status and every job query on an index of its own', async () => {
    const indexes = store.database
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'jobs'")
      .all() as Array<{ name: string }>;
    expect(indexes.map((index) => index.name)).not.toContain('jobs_by_status');
    expect(indexes.map((index) => index.name)).toEqual(expect.arrayContaining(['jobs_due', 'jobs_finished']));

    // A cancel by id, a completion (LEASE_HELD), the claim's pick and the retention sweep.
    expect(plan("SELECT id FROM jobs WHERE status IN ('pending', 'running') AND id = ?", 'j')).toMatch(
      /USING INDEX sqlite_autoindex_jobs_1 \(id=\?\)/,
    );
    expect(
      plan(
        "SELECT id FROM jobs WHERE id = ? AND status = 'running' AND lease_token = ? AND lease_expires_at > ?",
        'j',
        't',
        0,
      ),
    ).toMatch(/USING INDEX sqlite_autoindex_jobs_1 \(id=\?\)/);
    expect(
      plan(
        `SELECT id FROM jobs INDEXED BY jobs_due WHERE status IN ('pending', 'running') AND run_at <= ?
           AND (lease_expires_at IS NULL OR lease_expires_at <= ?) ORDER BY run_at, id LIMIT 64`,
        0,
        0,
      ),
    ).toMatch(/USING INDEX jobs_due \(run_at<\?\)/);
    expect(
      plan(
        'SELECT id FROM jobs INDEXED BY jobs_finished WHERE finished_at IS NOT NULL AND finished_at < ? ORDER BY finished_at LIMIT 10',
        '2026-01-01',
      ),
    ).toMatch(/USING INDEX jobs_finished \(finished_at>\? AND finished_at<\?\)/);
  });
});
