import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readExecutionSearch } from '../../shared/execution-search-keys.ts';
import { openSqliteStore, type SqliteStore } from '../open-sqlite-store.ts';
import { SEARCH_MATCH_CAP, searchByIndexes } from '../sqlite-executions.repo.ts';

/**
 * Migration 041 and the executions search built on it (its contact index is
 * replaced by migration 047's two): every way a term can match is read from an index, never by walking the executions table (whose rows carry
 * the run state); a term matching more than the cap is read newest first instead,
 * and both routes answer the same pages.
 */
describe('migration 041: executions by contact', () => {
  let store: SqliteStore;
  beforeEach(async () => {
    store = await openSqliteStore({ path: ':memory:' });
  });
  afterEach(() => store.close());

  it.each([
    ['a ticket number, contacts whole', 'CS20261122001', 'whole'],
    ['a phone number, contacts whole', '138 1234 5678', 'whole'],
    ['a name, contacts in part', '小明', 'partial'],
    ['part of a phone number', '1234 5678', 'partial'],
  ] as const)('reads %s from indexes only', (_name, term, contacts) => {
    const search = readExecutionSearch(term, contacts);
    if (!search) throw new Error('a search');
    const built = searchByIndexes(search);
    const plan = store.database.prepare(`EXPLAIN QUERY PLAN ${built.sql}`).all(...built.params) as Array<{
      detail: string;
    }>;
    const reads = plan.map((row) => row.detail).filter((detail) => /^(SCAN|SEARCH) executions/.test(detail));
    expect(reads.length).toBeGreaterThanOrEqual(5);
    for (const read of reads) expect(read).toMatch(/USING (COVERING INDEX|INTEGER PRIMARY KEY)/);
    // The name by part reads only the names long enough to hold the term (migration 047, which
    // replaced 041's index); parts of a phone and of an email each scan their own narrow index.
    expect(reads).toContain('SEARCH executions USING COVERING INDEX executions_by_name_length (<expr>>?)');
    expect(reads.filter((read) => read.startsWith('SCAN'))).toEqual(
      contacts === 'whole' ? [] : ['SCAN executions USING COVERING INDEX executions_by_customer_email'],
    );
    if (search.digits)
      expect(reads.join(' | ')).toContain(
        contacts === 'whole'
          ? 'executions_by_phone (customer_phone=?)'
          : // Part of a phone: every phone (the index skips NULLs), nothing else.
            'executions_by_phone (customer_phone>?)',
      );
  });

  it('pages a term matching more executions than the cap newest first, as a rare term is paged', async () => {
    const start = Date.UTC(2026, 10, 1);
    const create = (id: string, name: string, minute: number) =>
      store.executions.create({
        id,
        flowId: 'flow-1',
        version: 1,
        status: 'completed',
        state: { data: { customer: { name }, variables: {} } },
        startedAt: new Date(start + minute * 60_000).toISOString(),
      });
    for (let index = 0; index <= SEARCH_MATCH_CAP; index++)
      await create(`ex-${String(index).padStart(5, '0')}`, `王芳 ${index}`, index);
    await create('ex-rare-1', '李雷', 1);
    await create('ex-rare-2', '李雷', 2);

    const first = await store.executions.list({ search: '王芳', limit: 3 });
    expect(first.items.map((item) => item.id)).toEqual(['ex-05000', 'ex-04999', 'ex-04998']);
    const second = await store.executions.list({ search: '王芳', limit: 3, cursor: first.nextCursor ?? '' });
    expect(second.items.map((item) => item.id)).toEqual(['ex-04997', 'ex-04996', 'ex-04995']);

    const rare = await store.executions.list({ search: '李雷', limit: 1 });
    expect(rare.items.map((item) => item.id)).toEqual(['ex-rare-2']);
    const rest = await store.executions.list({ search: '李雷', limit: 1, cursor: rare.nextCursor ?? '' });
    expect(rest.items.map((item) => item.id)).toEqual(['ex-rare-1']);
    expect(rest.nextCursor).toBeNull();
  });
});
