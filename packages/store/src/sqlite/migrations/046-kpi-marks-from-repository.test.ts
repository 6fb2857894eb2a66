import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleTicket } from '../../contract/tickets.contract.ts';
import type { SqliteStore } from '../open-sqlite-store.ts';
import { openSqliteStore } from '../open-sqlite-store.ts';

/**
 * Migration 046: a ticket's insert and update are marked for the KPI rollup job
 * by the tickets repository, in the write's own transaction, instead of by
 * triggers. What the triggers guaranteed must still hold for every write the
 * repository makes, and no more than that is marked.
 */

let store: SqliteStore;

async function seqs(): Promise<Record<string, number>> {
  const marks = await store.kpiRollups.dirty(1000);
  return Object.fromEntries(marks.map((mark) => [mark.ticketId, mark.seq]));
}

async function clearMarks() {
  const marks = await store.kpiRollups.dirty(1000);
  await store.kpiRollups.write({ done: marks, facts: [], removed: [], changes: () => [] });
}

function triggers(): string[] {
  return (
    store.database
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
      .all() as Array<{
      name: string;
    }>
  ).map((row) => row.name);
}

describe('migration 046: kpi marks of ticket writes from the repository', () => {
  beforeEach(async () => {
    store = await openSqliteStore({ path: ':memory:' });
  });
  afterEach(() => store.close());

  it('drops the insert and update triggers and keeps the ones off the intake path', () => {
    const names = triggers();
    expect(names).not.toContain('kpi_dirty_ticket_insert');
    expect(names).not.toContain('kpi_dirty_ticket_update');
    expect(names).toEqual(
      expect.arrayContaining([
        'kpi_dirty_ticket_delete',
        'kpi_dirty_survey_answer',
        'kpi_dirty_survey_insert',
        'kpi_dirty_team_calendar',
      ]),
    );
  });

  it('marks a created ticket, and bumps the mark with each update that changes the row', async () => {
    await store.tickets.create(sampleTicket('1'));
    expect(await seqs()).toEqual({ '1': 1 });
    await store.tickets.update('1', { priority: 'high' });
    expect(await seqs()).toEqual({ '1': 2 });
    // An update that changes nothing writes nothing, so there is nothing to fold.
    await store.tickets.update('1', { priority: 'high' });
    expect(await seqs()).toEqual({ '1': 2 });
    await clearMarks();
    await store.tickets.update('1', { status: 'resolved' });
    expect(await seqs()).toEqual({ '1': 1 });
  });

  it('marks nothing for a create refused by a constraint', async () => {
    await store.tickets.create(sampleTicket('1'));
    await clearMarks();
    const twin = sampleTicket('2', { number: sampleTicket('1').number });
    await expect(store.tickets.create(twin)).rejects.toThrow();
    expect(await seqs()).toEqual({});
  });

  it('marks the tickets a customer merge moves, and only those', async () => {
    await store.tickets.create(sampleTicket('1', { customerId: 'c-old' }));
    await store.tickets.create(sampleTicket('2', { customerId: 'c-old' }));
    await store.tickets.create(sampleTicket('3', { customerId: 'c-other' }));
    await clearMarks();
    expect(await store.tickets.moveCustomer('c-old', 'c-new')).toBe(2);
    expect(await seqs()).toEqual({ '1': 1, '2': 1 });
  });

  it('rolls the mark back with the write: a failed transaction leaves neither', async () => {
    await expect(
      store.transaction(async (tx) => {
        await tx.tickets.create(sampleTicket('1'));
        throw new Error('the unit failed after the write');
      }),
    ).rejects.toThrow('the unit failed');
    expect(await store.tickets.get('1')).toBeNull();
    expect(await seqs()).toEqual({});
  });

  it('marks the writes of a transaction with the transaction: seen together after the commit', async () => {
    await store.transaction(async (tx) => {
      await tx.tickets.create(sampleTicket('1'));
      await tx.tickets.update('1', { priority: 'high' });
      await tx.tickets.create(sampleTicket('2'));
    });
    expect(await seqs()).toEqual({ '1': 2, '2': 1 });
  });

  it('keeps statement journals in memory inside a group commit only', async () => {
    // 2 = MEMORY inside a batch (a unit's savepoint journal would otherwise be a temporary
    // file); 0 = the default outside, so sorts and VACUUM may spill to disk.
    const temp = () => store.database.pragma('temp_store', { simple: true });
    expect(temp()).toBe(0);
    const inside = await store.transaction(async () => temp());
    expect(inside).toBe(2);
    expect(temp()).toBe(0);
    await expect(
      store.transaction(async () => {
        throw new Error('a failed unit');
      }),
    ).rejects.toThrow('a failed unit');
    expect(temp()).toBe(0);
  });
});
