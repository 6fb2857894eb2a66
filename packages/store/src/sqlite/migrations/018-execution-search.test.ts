import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { executionSearchKeys } from '../../shared/execution-search-keys.ts';
import { openSqliteStore } from '../open-sqlite-store.ts';
import { applyMigrations, SQLITE_MIGRATIONS } from '../sqlite-migrations.ts';

const directory = mkdtempSync(join(tmpdir(), 'flowdesk-migration-018-'));

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

const BEFORE = {
  'with-profile': {
    data: {
      request: { customer: { name: 'Given', email: 'given@example.com' } },
      customer: { id: 'cust-1', name: '王小明', email: 'Ming@Example.COM', phone: '+86 138-1234-5678' },
      ticket: { number: 'CS20261122007' },
    },
  },
  'request-only': {
    data: { request: { customer: { name: 'Ana', channelId: 'wx-openid-1', phone: 13800001111 } } },
  },
  'nothing-known': { data: { variables: {} } },
};

describe('migration 018: execution search keys', () => {
  it('fills in the ticket and customer of executions saved before it, as new saves write them', async () => {
    const path = join(directory, 'before-018.sqlite');
    const old = new Database(path);
    applyMigrations(
      old,
      SQLITE_MIGRATIONS.filter((migration) => migration.version < 18),
    );
    const insert = old.prepare(
      `INSERT INTO executions (id, flow_id, version, status, current_node_id, state, revision, started_at,
         updated_at, finished_at) VALUES (?, 'flow-1', 1, 'completed', 'end', ?, 1, ?, ?, ?)`,
    );
    Object.entries(BEFORE).forEach(([id, state], index) => {
      const time = `2026-11-22T08:0${index}:00.000Z`;
      insert.run(id, JSON.stringify(state), time, time, time);
    });
    old.close();

    const store = await openSqliteStore({ path });
    const { items } = await store.executions.list();
    const byId = new Map(items.map((item) => [item.id, item]));
    for (const [id, state] of Object.entries(BEFORE)) {
      const { ticketNumber, customer } = byId.get(id) ?? {};
      expect({ ticketNumber, customer }).toEqual(executionSearchKeys(state));
    }
    expect(byId.get('with-profile')).toMatchObject({
      ticketNumber: 'CS20261122007',
      customer: { id: 'cust-1', name: '王小明', email: 'ming@example.com', phone: '8613812345678' },
    });
    expect(byId.get('request-only')?.customer).toEqual({
      id: null,
      name: 'Ana',
      email: null,
      phone: '13800001111',
      channelId: 'wx-openid-1',
    });
    expect(byId.get('nothing-known')).toMatchObject({ ticketNumber: null, customer: null });
    const partial = await store.executions.list({ search: '1234-5678', contactMatch: 'partial' });
    expect(partial.items.map((item) => item.id)).toEqual(['with-profile']);
    await store.close();
  });
});
