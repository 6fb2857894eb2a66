import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleTicket } from '../../contract/tickets.contract.ts';
import type { Ticket } from '../../port/ticket.types.ts';
import { openSqliteStore, type SqliteStore } from '../open-sqlite-store.ts';
import { listStatement } from '../sqlite-tickets.repo.ts';

/**
 * Migration 043: a team queue (the team's unassigned tickets) is read from
 * tickets_unassigned, which holds no assigned ticket, and answers as before.
 */
describe('migration 043: unassigned tickets', () => {
  let store: SqliteStore;
  beforeEach(async () => {
    store = await openSqliteStore({ path: ':memory:' });
  });
  afterEach(() => store.close());

  const teamQueue = {
    workspaceId: 'ws-1',
    team: 'after_sales',
    assignee: null,
    status: ['new', 'assigned', 'in_progress', 'waiting_for_customer'] as Ticket['status'][],
    order: 'queue' as const,
    limit: 10,
  };

  it('reads a team queue from the unassigned tickets only', () => {
    const list = listStatement(teamQueue);
    const plan = store.database.prepare(`EXPLAIN QUERY PLAN ${list.sql}`).all(...list.params) as Array<{
      detail: string;
    }>;
    expect(plan.map((row) => row.detail).join(' | ')).toContain(
      'USING INDEX tickets_unassigned (team=? AND status=?)',
    );
  });

  it('lists the team’s unassigned tickets, VIP first, and drops one when it is taken', async () => {
    const rows: Array<[string, string | null, number]> = [
      ['a', null, 0],
      ['b', 'agent-1', 3],
      ['c', null, 2],
    ];
    for (const [index, [id, assignee, vipLevel]] of rows.entries()) {
      const at = new Date(Date.UTC(2026, 11, 1, 8, index)).toISOString();
      await store.tickets.create(
        sampleTicket(id, {
          number: `CS2026120100${index}`,
          team: 'after_sales',
          status: assignee ? 'assigned' : 'new',
          assignee,
          vipLevel,
          createdAt: at,
          updatedAt: at,
        }),
      );
    }
    expect((await store.tickets.list(teamQueue)).map((ticket) => ticket.id)).toEqual(['c', 'a']);
    store.database
      .prepare("UPDATE tickets SET assignee = 'agent-2', status = 'assigned' WHERE id = 'c'")
      .run();
    expect((await store.tickets.list(teamQueue)).map((ticket) => ticket.id)).toEqual(['a']);
  });
});
