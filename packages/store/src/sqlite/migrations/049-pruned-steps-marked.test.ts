import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../open-sqlite-store.ts';
import { applyMigrations, SQLITE_MIGRATIONS } from '../sqlite-migrations.ts';

/**
 * Migration 049: the steps an earlier prune kept are marked pruned, so that
 * succeededStep does not take their emptied payload for what the step did; the
 * steps of an execution never pruned stay as they were.
 */
const directory = mkdtempSync(join(tmpdir(), 'flowdesk-migration-049-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const AT = '2026-06-01T08:00:00.000Z';

describe('migration 049: pruned steps marked', () => {
  it('marks the kept steps of executions pruned before it and no others', async () => {
    const path = join(directory, 'before-049.sqlite');
    const old = new Database(path);
    applyMigrations(
      old,
      SQLITE_MIGRATIONS.filter((migration) => migration.version < 49),
    );
    const execution = old.prepare(
      `INSERT INTO executions (id, flow_id, version, status, current_node_id, state, revision, started_at,
         updated_at, finished_at, steps_pruned_at) VALUES (?, 'f', 1, 'completed', NULL, '{}', 1, ?, ?, ?, ?)`,
    );
    const step = old.prepare(
      `INSERT INTO execution_steps (execution_id, seq, node_id, node_type, visit, input, output, port,
         started_at, finished_at, error) VALUES (?, 1, 'start', 'trigger.request_received', 1, '{}', ?, 'next', ?, ?, NULL)`,
    );
    execution.run('pruned', AT, AT, AT, '2026-09-01T00:00:00.000Z');
    step.run('pruned', '{}', AT, AT);
    execution.run('kept', AT, AT, AT, null);
    step.run('kept', '{"said":"hi"}', AT, AT);
    old.close();

    const store = await openSqliteStore({ path });
    const marks = store.database
      .prepare('SELECT execution_id, pruned FROM execution_steps ORDER BY execution_id')
      .all();
    expect(marks).toEqual([
      { execution_id: 'kept', pruned: null },
      { execution_id: 'pruned', pruned: 1 },
    ]);
    expect(await store.executions.succeededStep('pruned', 'start', 1)).toBeNull();
    expect(await store.executions.succeededStep('kept', 'start', 1)).toEqual({
      output: { said: 'hi' },
      port: 'next',
    });
    await store.close();
  });
});
