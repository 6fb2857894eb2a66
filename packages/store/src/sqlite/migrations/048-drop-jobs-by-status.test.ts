import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../open-sqlite-store.ts';
import { CANCEL_BY_KEY_PREFIX_SQL, claimSql, LEASE_HELD } from '../sqlite-jobs.repo.ts';

/**
 * Migration 048 drops jobs_by_status. The job queries whose plan the planner
 * chooses (a claim's pick, a completion, a cancel by id or by key prefix, the
 * admin list) must still find their rows through an index of their own, or
 * scan no more than before: a fallback to scanning the jobs would grow with
 * every finished job kept for retention. The statements are the repository's.
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

  it('leaves each job query on an index of its own', async () => {
    const indexes = store.database
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'jobs'")
      .all() as Array<{ name: string }>;
    expect(indexes.map((index) => index.name)).not.toContain('jobs_by_status');

    const byId = /SEARCH jobs USING (COVERING )?INDEX sqlite_autoindex_jobs_1 \(id=\?\)/;
    const claim = plan(claimSql(false), 'w', 0, 'now', 0, 0, 64);
    expect(claim).toMatch(/SEARCH jobs USING INDEX jobs_due \(run_at<\?\)/);
    expect(claim).toMatch(byId);
    expect(plan(`UPDATE jobs SET status = 'completed' WHERE ${LEASE_HELD}`, 'j', 't', 0)).toMatch(byId);
    expect(
      plan("UPDATE jobs SET status = 'cancelled' WHERE status IN ('pending', 'running') AND id = ?", 'j'),
    ).toMatch(byId);
    expect(plan(CANCEL_BY_KEY_PREFIX_SQL, 'now', 'now', 'sla:', 'sla:\u{10FFFF}', 'sla:', 'sla:')).toMatch(
      /SEARCH jobs USING INDEX sqlite_autoindex_jobs_2 \(idempotency_key>\? AND idempotency_key<\?\)/,
    );
  });
});
