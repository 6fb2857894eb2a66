import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../open-sqlite-store.ts';
import { CUSTOMER_MATCH_CAP, CUSTOMER_MATCHES_SQL } from '../sqlite-customers.repo.ts';

/**
 * Migration 042 and the customer search built on it: matches come from indexes,
 * not from a walk of the customers and their identities; a term matching more
 * customers than the cap is read in update order instead, with the same answer.
 */
describe('migration 042: customer search indexes', () => {
  let store: SqliteStore;
  beforeEach(async () => {
    store = await openSqliteStore({ path: ':memory:' });
  });
  afterEach(() => store.close());

  it('reads the matches from indexes only', () => {
    const plan = store.database
      .prepare(`EXPLAIN QUERY PLAN ${CUSTOMER_MATCHES_SQL}`)
      .all('ws-1', '%王%', 'ws-1', '13812345678', 10) as Array<{ detail: string }>;
    const reads = plan.map((row) => row.detail).filter((detail) => /^(SCAN|SEARCH) customer/.test(detail));
    expect(reads).toEqual([
      'SEARCH customers USING COVERING INDEX customers_by_name (workspace_id=?)',
      'SEARCH customer_identities USING COVERING INDEX customer_identities_by_value (workspace_id=? AND value=?)',
    ]);
  });

  it('answers a term matching more customers than the cap most recently updated first', async () => {
    const start = Date.UTC(2026, 10, 1);
    const create = (id: string, name: string, phone: string, minute: number) =>
      store.customers.create({
        id,
        workspaceId: 'ws-1',
        name,
        identities: [{ kind: 'phone', value: phone }],
        now: new Date(start + minute * 60_000).toISOString(),
      });
    for (let index = 0; index <= CUSTOMER_MATCH_CAP; index++)
      await create(`c-${String(index).padStart(5, '0')}`, `王 ${index}`, `1380000${index}`, index);
    await create('c-li', '李雷', '13912345678', 1);

    const ids = async (query: string, limit: number) =>
      (await store.customers.search('ws-1', query, limit)).map((profile) => profile.id);
    expect(await ids('王', 3)).toEqual(['c-02000', 'c-01999', 'c-01998']);
    expect(await ids('13800001999', 3)).toEqual(['c-01999']);
    expect(await ids('13912345678', 3)).toEqual(['c-li']);
    await store.customers.update(
      'c-00007',
      { name: '王 七' },
      new Date(start + 9_000 * 60_000).toISOString(),
    );
    expect(await ids('王', 2)).toEqual(['c-00007', 'c-02000']);
  });
});
