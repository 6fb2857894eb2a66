import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleTicket } from '../../contract/tickets.contract.ts';
import type { Ticket } from '../../port/ticket.types.ts';
import { openSqliteStore, type SqliteStore } from '../open-sqlite-store.ts';

/**
 * Migration 040: a status-only ticket list (the inbox's pending-confirmation
 * queue) finds its tickets by tickets_by_status instead of walking the
 * workspace, and answers as before.
 */
describe('migration 040: tickets by status', () => {
  let store: SqliteStore;
  beforeEach(async () => {
    store = await openSqliteStore({ path: ':memory:' });
  });
  afterEach(() => store.close());

  it('serves a status-only list in queue order from its index', async () => {
    // The statement shape sqlite-tickets.repo.ts builds for { workspaceId, status, order: 'queue' }.
    const plan = store.database
      .prepare(
        `EXPLAIN QUERY PLAN SELECT * FROM tickets WHERE workspace_id = ? AND status IN (SELECT value FROM json_each(?))
         ORDER BY vip_level DESC, priority_rank, created_at, id LIMIT ?`,
      )
      .all('default', '["pending_confirmation"]', 1000) as Array<{ detail: string }>;
    expect(plan.map((row) => row.detail).join(' | ')).toContain(
      'USING INDEX tickets_by_status (workspace_id=? AND status=?)',
    );
  });

  it('lists the tickets of a status, VIP first, as the inbox expects', async () => {
    const rows: Array<[string, string, number]> = [
      ['a', 'pending_confirmation', 0],
      ['b', 'new', 3],
      ['c', 'pending_confirmation', 2],
      ['d', 'pending_confirmation', 0],
    ];
    for (const [index, [id, status, vipLevel]] of rows.entries()) {
      const at = new Date(Date.UTC(2026, 11, 1, 8, index)).toISOString();
      await store.tickets.create(
        sampleTicket(id, {
          number: `CS2026120100${index}`,
          status: status as Ticket['status'],
          vipLevel,
          createdAt: at,
          updatedAt: at,
        }),
      );
    }
    const listed = await store.tickets.list({
      workspaceId: 'ws-1',
      status: 'pending_confirmation',
      order: 'queue',
      limit: 10,
    });
    expect(listed.map((ticket) => ticket.id)).toEqual(['c', 'a', 'd']);
  });
});
