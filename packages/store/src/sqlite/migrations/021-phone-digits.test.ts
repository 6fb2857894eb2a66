import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { executionSearchKeys } from '../../shared/execution-search-keys.ts';
import { openSqliteStore } from '../open-sqlite-store.ts';
import { applyMigrations, SQLITE_MIGRATIONS } from '../sqlite-migrations.ts';

const directory = mkdtempSync(join(tmpdir(), 'flowdesk-migration-021-'));

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

/** Phones as customers write them: marks migration 018's backfill did not strip, which new saves do. */
const PHONES = {
  'with-label': 'tel: 138 1234 5678',
  'em-dashes': '138—1234—5678',
  'tabs-and-nbsp': '+86\u00a0138\t1234\t5678',
  'full-width': '１３８１２３４5678',
  'no-digits': 'n/a',
  'plain-marks': '+86 (138) 1234-5678',
  'already-digits': '13800001111',
};

const stateWith = (phone: string) => ({ data: { customer: { id: 'c', name: 'Ana', phone } } });

describe('migration 021: phone digits by the one rule', () => {
  it('recomputes the stored phone digits of executions backfilled by 018, as new saves write them', async () => {
    const path = join(directory, 'before-021.sqlite');
    const old = new Database(path);
    applyMigrations(
      old,
      SQLITE_MIGRATIONS.filter((migration) => migration.version < 18),
    );
    const insert = old.prepare(
      `INSERT INTO executions (id, flow_id, version, status, current_node_id, state, revision, started_at,
         updated_at, finished_at) VALUES (?, 'flow-1', 1, 'completed', 'end', ?, 1, ?, ?, ?)`,
    );
    Object.entries(PHONES).forEach(([id, phone], index) => {
      const time = `2026-11-22T08:0${index}:00.000Z`;
      insert.run(id, JSON.stringify(stateWith(phone)), time, time, time);
    });
    // 018's backfill runs on those rows, as it did on a real database.
    applyMigrations(
      old,
      SQLITE_MIGRATIONS.filter((migration) => migration.version < 21),
    );
    old.close();

    const store = await openSqliteStore({ path });
    const { items } = await store.executions.list();
    const phoneOf = new Map(items.map((item) => [item.id, item.customer?.phone]));
    for (const [id, phone] of Object.entries(PHONES)) {
      expect(phoneOf.get(id), id).toBe(executionSearchKeys(stateWith(phone)).customer?.phone);
    }
    expect(Object.fromEntries(phoneOf)).toEqual({
      'with-label': '13812345678',
      'em-dashes': '13812345678',
      'tabs-and-nbsp': '8613812345678',
      'full-width': '5678',
      'no-digits': null,
      'plain-marks': '8613812345678',
      'already-digits': '13800001111',
    });
    // Found by the whole number, as a viewer searches.
    expect((await store.executions.list({ search: '138 1234 5678' })).items.map((item) => item.id)).toEqual([
      'em-dashes',
      'with-label',
    ]);
    await store.close();
  });
});
