import { describe, expect, it } from 'vitest';
import { at, type ContractContext } from './contract-context.ts';
import { sampleTicket } from './tickets.contract.ts';

export function describeAnalyticsContract(ctx: ContractContext): void {
  describe('analytics reads of a date range', () => {
    it('gives the tickets created, changed or still open in the range, oldest first, and leaves the rest', async () => {
      const store = ctx.store();
      // Range [at(10), at(20)).
      await store.tickets.create(sampleTicket('old-open', { createdAt: at(1), updatedAt: at(1) }));
      await store.tickets.create(
        sampleTicket('old-done', {
          createdAt: at(2),
          updatedAt: at(3),
          status: 'resolved',
          resolvedAt: at(3),
        }),
      );
      await store.tickets.create(
        sampleTicket('resolved-in', {
          createdAt: at(4),
          updatedAt: at(12),
          status: 'resolved',
          resolvedAt: at(12),
        }),
      );
      await store.tickets.create(
        sampleTicket('created-in', {
          createdAt: at(11),
          updatedAt: at(30),
          status: 'closed',
          closedAt: at(30),
        }),
      );
      await store.tickets.create(sampleTicket('after', { createdAt: at(20), updatedAt: at(20) }));
      await store.tickets.create(
        sampleTicket('other-ws', { workspaceId: 'ws-2', createdAt: at(11), updatedAt: at(11) }),
      );
      const found = await store.analytics.ticketsForPeriod({ workspaceId: 'ws-1', from: at(10), to: at(20) });
      expect(found.map((ticket) => ticket.id)).toEqual(['old-open', 'resolved-in', 'created-in']);
      expect(found[1]).toEqual(
        sampleTicket('resolved-in', {
          createdAt: at(4),
          updatedAt: at(12),
          status: 'resolved',
          resolvedAt: at(12),
        }),
      );
    });

    it('gives one row past the limit so the caller can tell the range is too big', async () => {
      const store = ctx.store();
      for (const id of ['1', '2', '3']) {
        await store.tickets.create(
          sampleTicket(id, { createdAt: at(Number(id)), updatedAt: at(Number(id)) }),
        );
      }
      const found = await store.analytics.ticketsForPeriod({
        workspaceId: 'ws-1',
        from: at(0),
        to: at(9),
        limit: 1,
      });
      expect(found.map((ticket) => ticket.id)).toEqual(['1', '2']);
    });

    it('reads the history of many tickets at once, oldest first per ticket', async () => {
      const store = ctx.store();
      const user = { kind: 'user' as const, id: 'u1' };
      await store.ticketHistory.append([
        { ticketId: 'a', at: at(1), actor: user, field: 'status', from: null, to: 'new' },
        { ticketId: 'b', at: at(2), actor: user, field: 'status', from: null, to: 'new' },
        { ticketId: 'a', at: at(3), actor: user, field: 'assignee', from: null, to: 'agent-1' },
        { ticketId: 'c', at: at(4), actor: user, field: 'status', from: null, to: 'new' },
      ]);
      const ids = ['a', 'b', ...Array.from({ length: 1200 }, (_, index) => `none-${index}`)];
      const history = await store.analytics.historyOfTickets(ids);
      expect(history.map((entry) => [entry.ticketId, entry.field, entry.to])).toEqual([
        ['a', 'status', 'new'],
        ['a', 'assignee', 'agent-1'],
        ['b', 'status', 'new'],
      ]);
      expect(history[1]).toEqual({
        ticketId: 'a',
        at: at(3),
        actor: user,
        field: 'assignee',
        from: null,
        to: 'agent-1',
        note: null,
      });
      expect(await store.analytics.historyOfTickets([])).toEqual([]);
    });
  });
}
