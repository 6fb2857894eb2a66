import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { seedFlowAnalytics } from '../../contract/flow-analytics.contract.ts';
import type { FlowRollupQuery } from '../../port/flow-analytics.types.ts';
import { openSqliteStore } from '../open-sqlite-store.ts';
import { applyMigrations } from '../sqlite-migrations.ts';

const directory = mkdtempSync(join(tmpdir(), 'flowdesk-migration-031-'));

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

const QUERY: FlowRollupQuery = {
  flowId: 'flow-a',
  version: 1,
  from: '2026-11-01T00:00:00.000Z',
  to: '2026-12-01T00:00:00.000Z',
};

function sorted<T>(rows: T[]): T[] {
  return [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

describe('migration 031: flow analytics rollups', () => {
  it('counts the executions written before it exactly as new saves count them', async () => {
    const path = join(directory, 'backfill.sqlite');
    const store = await openSqliteStore({ path });
    await seedFlowAnalytics(store);
    const live = await store.flowAnalytics.rollup(QUERY);
    await store.close();

    // Back to the schema before 031, with the same executions, steps and answers.
    const db = new Database(path);
    db.exec(`DROP TRIGGER flow_rollup_csat; DROP INDEX executions_by_version_status;
      DROP TABLE flow_path_rollup; DROP TABLE flow_csat_rollup;
      DELETE FROM schema_migrations WHERE version = 31;`);
    expect(applyMigrations(db)).toEqual([31]);
    db.close();

    const reopened = await openSqliteStore({ path });
    const backfilled = await reopened.flowAnalytics.rollup(QUERY);
    await reopened.close();
    expect(live.outcomes).toEqual({ handedOff: 1, autoResolved: 1, csatSum: 7, csatCount: 2 });
    expect(backfilled.outcomes).toEqual(live.outcomes);
    expect(sorted(backfilled.exits)).toEqual(sorted(live.exits));
    expect(sorted(backfilled.waits)).toEqual(sorted(live.waits));
    expect(sorted(backfilled.stopped)).toEqual(sorted(live.stopped));
  });
});
