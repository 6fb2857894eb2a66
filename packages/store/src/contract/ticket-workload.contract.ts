import { describe, expect, it } from 'vitest';
import { at, type ContractContext } from './contract-context.ts';
import { sampleTicket } from './tickets.contract.ts';

/** The supervisor's counts (tickets.workload) and the escalation list's tag filter. */
export function describeTicketWorkloadContract(ctx: ContractContext): void {
  describe('ticket workload', () => {
    it('counts open tickets per team and assignee, with overdue, at-risk and the oldest', async () => {
      const store = ctx.store();
      const now = at(100);
      const team = (id: string, extra: Parameters<typeof sampleTicket>[1]) =>
        store.tickets.create(sampleTicket(id, { team: 'after_sales', ...extra }));
      // Unassigned: one waiting since at(3), one since at(1) with a missed first response.
      await team('1', { createdAt: at(3) });
      await team('2', { createdAt: at(1), firstResponseDueAt: at(50) });
      // Agent a1: one overdue by resolution, one at risk, one responded in time (not overdue).
      await team('3', { assignee: 'a1', status: 'assigned', resolutionDueAt: at(99), slaState: 'warning' });
      await team('4', {
        assignee: 'a1',
        status: 'in_progress',
        slaState: 'warning',
        resolutionDueAt: at(200),
      });
      await team('5', {
        assignee: 'a1',
        status: 'in_progress',
        firstResponseDueAt: at(50),
        firstRespondedAt: at(40),
      });
      // Paused clock: due but not overdue; resolved and closed tickets are not open.
      await team('6', {
        assignee: 'a1',
        status: 'waiting_for_customer',
        pausedAt: at(60),
        resolutionDueAt: at(70),
      });
      await team('7', { assignee: 'a1', status: 'resolved', resolutionDueAt: at(10) });
      await team('8', { status: 'closed' });
      // Another team, another workspace.
      await store.tickets.create(sampleTicket('9', { team: 'billing', assignee: 'a1', status: 'assigned' }));
      await store.tickets.create(sampleTicket('10', { team: 'after_sales', workspaceId: 'ws-2' }));

      const rows = await store.tickets.workload({ workspaceId: 'ws-1', now });
      expect(rows).toEqual([
        { team: 'after_sales', assignee: null, open: 2, overdue: 1, atRisk: 0, oldestCreatedAt: at(1) },
        { team: 'after_sales', assignee: 'a1', open: 4, overdue: 1, atRisk: 1, oldestCreatedAt: at(0) },
        { team: 'billing', assignee: 'a1', open: 1, overdue: 0, atRisk: 0, oldestCreatedAt: at(0) },
      ]);
      expect(await store.tickets.workload({ workspaceId: 'ws-empty', now })).toEqual([]);
    });

    it('lists tickets carrying a tag', async () => {
      const store = ctx.store();
      await store.tickets.create(sampleTicket('1', { tags: ['escalated', 'vip'], createdAt: at(1) }));
      await store.tickets.create(sampleTicket('2', { tags: ['vip'] }));
      await store.tickets.create(sampleTicket('3', { tags: ['escalated'], createdAt: at(2) }));
      const escalated = await store.tickets.list({ workspaceId: 'ws-1', tag: 'escalated' });
      expect(escalated.map((ticket) => ticket.id)).toEqual(['3', '1']);
      expect(await store.tickets.list({ tag: 'escalat' })).toEqual([]);
    });
  });
}
