import { describe, expect, it } from 'vitest';
import { isStoreError } from '../port/store-error.ts';
import type { Ticket } from '../port/ticket.types.ts';
import { at, type ContractContext } from './contract-context.ts';

export function sampleTicket(id: string, extra: Partial<Ticket> = {}): Ticket {
  return {
    id,
    number: `CS20261122${id.padStart(3, '0')}`,
    workspaceId: 'ws-1',
    title: '退货申请',
    description: '订单 {{ 7*7 }} 要退货',
    channel: 'web_form',
    category: null,
    priority: 'medium',
    status: 'new',
    team: null,
    assignee: null,
    customerId: null,
    vipLevel: 0,
    customFields: { orderNo: 'A1', nested: { empty: {} } },
    tags: [],
    solution: null,
    slaPolicyId: null,
    firstResponseDueAt: null,
    resolutionDueAt: null,
    firstRespondedAt: null,
    pausedAt: null,
    pausedMs: 0,
    slaState: 'none',
    slaRevision: 0,
    createdByKey: null,
    createdAt: at(0),
    updatedAt: at(0),
    resolvedAt: null,
    closedAt: null,
    ...extra,
  };
}

export function describeTicketContract(ctx: ContractContext): void {
  describe('tickets', () => {
    it('stores a ticket unchanged and finds it by id, number and creating step', async () => {
      const store = ctx.store();
      const ticket = sampleTicket('1', { createdByKey: 'exec-1:create:1' });
      expect(await store.tickets.create(ticket)).toEqual(ticket);
      expect(await store.tickets.get('1')).toEqual(ticket);
      expect(await store.tickets.getByNumber(ticket.number)).toEqual(ticket);
      expect(await store.tickets.findByCreatedKey('exec-1:create:1')).toEqual(ticket);
      expect(await store.tickets.findByCreatedKey('other')).toBeNull();
    });

    it('reads many tickets by id in one read, leaving unknown ids out', async () => {
      const store = ctx.store();
      const tickets = [sampleTicket('1'), sampleTicket('2'), sampleTicket('3')];
      for (const ticket of tickets) await store.tickets.create(ticket);
      const found = await store.tickets.getMany(['3', 'missing', '1', '3']);
      expect(found.sort((a, b) => a.id.localeCompare(b.id))).toEqual([tickets[0], tickets[2]]);
      expect(await store.tickets.getMany([])).toEqual([]);
    });

    it('refuses a second ticket with the same number or creating step', async () => {
      const store = ctx.store();
      await store.tickets.create(sampleTicket('1', { createdByKey: 'k' }));
      await store.tickets.create(sampleTicket('2'));
      await store.tickets.create(sampleTicket('3'));
      const sameNumber = store.tickets.create(sampleTicket('4', { number: sampleTicket('1').number }));
      await expect(sameNumber).rejects.toSatisfy((error) => isStoreError(error, 'duplicate'));
      const sameKey = store.tickets.create(sampleTicket('5', { createdByKey: 'k' }));
      await expect(sameKey).rejects.toSatisfy((error) => isStoreError(error, 'duplicate'));
    });

    it('updates fields and lists queues VIP first, then by priority, then oldest', async () => {
      const store = ctx.store();
      const queued = { team: 'after_sales', status: 'new' as const };
      await store.tickets.create(sampleTicket('1', { ...queued, priority: 'low', createdAt: at(1) }));
      await store.tickets.create(sampleTicket('2', { ...queued, priority: 'urgent', createdAt: at(5) }));
      await store.tickets.create(
        sampleTicket('3', { ...queued, priority: 'low', vipLevel: 1, createdAt: at(9) }),
      );
      await store.tickets.create(sampleTicket('4', { ...queued, priority: 'urgent', createdAt: at(2) }));
      await store.tickets.create(sampleTicket('5', { ...queued, assignee: 'a1' }));
      const queue = await store.tickets.list({ team: 'after_sales', assignee: null, order: 'queue' });
      expect(queue.map((ticket) => ticket.id)).toEqual(['3', '4', '2', '1']);

      const updated = await store.tickets.update('1', { priority: 'urgent', tags: ['催单'], assignee: 'a2' });
      expect(updated).toMatchObject({
        priority: 'urgent',
        tags: ['催单'],
        assignee: 'a2',
        title: '退货申请',
      });
      const mine = await store.tickets.list({ assignee: 'a2', status: ['new', 'assigned'] });
      expect(mine.map((ticket) => ticket.id)).toEqual(['1']);
      expect(await store.tickets.update('missing', { priority: 'low' })).toBeNull();
      expect((await store.tickets.list({ order: 'newest', limit: 2 })).map((ticket) => ticket.id)).toEqual([
        '3',
        '2',
      ]);
    });

    it('lists tagged tickets most recently changed first, however old they are', async () => {
      const store = ctx.store();
      await store.tickets.create(
        sampleTicket('1', { tags: ['escalated'], createdAt: at(1), updatedAt: at(1) }),
      );
      await store.tickets.create(
        sampleTicket('2', { tags: ['escalated'], createdAt: at(5), updatedAt: at(6) }),
      );
      await store.tickets.create(
        sampleTicket('3', { tags: ['escalated'], createdAt: at(7), updatedAt: at(8) }),
      );
      await store.tickets.create(sampleTicket('4', { tags: [], createdAt: at(2), updatedAt: at(50) }));
      await store.tickets.update('1', { updatedAt: at(40) });
      const list = (order: 'updated' | 'newest') => store.tickets.list({ tag: 'escalated', order, limit: 2 });
      expect((await list('updated')).map((ticket) => ticket.id)).toEqual(['1', '3']);
      expect((await list('newest')).map((ticket) => ticket.id)).toEqual(['3', '2']);
    });

    it('lists overdue tickets whose clock runs', async () => {
      const store = ctx.store();
      await store.tickets.create(sampleTicket('1', { resolutionDueAt: at(100) }));
      await store.tickets.create(sampleTicket('2', { resolutionDueAt: at(50), status: 'resolved' }));
      await store.tickets.create(sampleTicket('3', { resolutionDueAt: at(50), pausedAt: at(10) }));
      await store.tickets.create(
        sampleTicket('4', { firstResponseDueAt: at(20), resolutionDueAt: at(10_000) }),
      );
      await store.tickets.create(
        sampleTicket('5', {
          firstResponseDueAt: at(20),
          firstRespondedAt: at(5),
          resolutionDueAt: at(10_000),
        }),
      );
      await store.tickets.create(sampleTicket('6', { resolutionDueAt: at(10_000) }));
      const overdue = await store.tickets.listOverdue({ now: at(200) });
      expect(overdue.map((ticket) => ticket.id)).toEqual(['1', '4']);
    });

    it('moves tickets to the profile a customer was merged into', async () => {
      const store = ctx.store();
      await store.tickets.create(sampleTicket('1', { customerId: 'c2' }));
      await store.tickets.create(sampleTicket('2', { customerId: 'c2' }));
      expect(await store.tickets.moveCustomer('c2', 'c1')).toBe(2);
      expect((await store.tickets.list({ customerId: 'c1' })).length).toBe(2);
    });

    it('reads back within one transaction what that transaction wrote, and nothing of a rolled-back one', async () => {
      const store = ctx.store();
      await store.tickets.create(sampleTicket('1', { customerId: 'c2' }));
      const seen = await store.transaction(async (tx) => {
        const created = await tx.tickets.create(sampleTicket('2', { createdByKey: 'k2' }));
        const first = await tx.tickets.get('2');
        const assigned = await tx.tickets.update('2', {
          assignee: 'a1',
          status: 'in_progress',
          updatedAt: at(5),
        });
        const afterUpdate = await tx.tickets.get('2');
        const before = await tx.tickets.get('1');
        await tx.tickets.moveCustomer('c2', 'c1');
        const moved = await tx.tickets.get('1');
        const again = await tx.tickets.update('2', { tags: ['x'] });
        const tagged = await tx.tickets.get('2');
        if (tagged) tagged.tags.push('changed by the caller');
        return {
          created,
          first,
          assigned,
          afterUpdate,
          before,
          moved,
          again,
          final: await tx.tickets.get('2'),
        };
      });
      expect(seen.first).toEqual(seen.created);
      expect(seen.afterUpdate).toEqual({
        ...seen.created,
        assignee: 'a1',
        status: 'in_progress',
        updatedAt: at(5),
      });
      expect(seen.assigned).toEqual(seen.afterUpdate);
      expect(seen.before?.customerId).toBe('c2');
      expect(seen.moved?.customerId).toBe('c1');
      expect(seen.final).toEqual({ ...seen.afterUpdate, tags: ['x'] });
      expect(seen.again).toEqual(seen.final);
      expect(await store.tickets.get('2')).toEqual(seen.final);
      expect(await store.tickets.get('1')).toEqual({ ...sampleTicket('1'), customerId: 'c1' });

      const failed = store.transaction(async (tx) => {
        await tx.tickets.update('2', { assignee: 'a2' });
        expect((await tx.tickets.get('2'))?.assignee).toBe('a2');
        throw new Error('rolled back');
      });
      await expect(failed).rejects.toThrow('rolled back');
      const next = await store.transaction(async (tx) => tx.tickets.get('2'));
      expect(next).toEqual(seen.final);
    });

    it('keeps history entries and notes in order', async () => {
      const store = ctx.store();
      const actor = { kind: 'execution' as const, id: 'exec-1' };
      await store.ticketHistory.append([
        { ticketId: 't1', at: at(0), actor, field: 'status', from: null, to: 'new' },
        { ticketId: 't1', at: at(0), actor, field: 'priority', from: 'medium', to: 'high', note: 'VIP' },
      ]);
      await store.ticketHistory.append([
        { ticketId: 't1', at: at(5), actor: { kind: 'user', id: 'u1' }, field: 'tags', from: [], to: ['a'] },
      ]);
      const history = await store.ticketHistory.list('t1');
      expect(history.map((entry) => entry.field)).toEqual(['status', 'priority', 'tags']);
      expect(history[1]).toEqual({
        ticketId: 't1',
        at: at(0),
        actor,
        field: 'priority',
        from: 'medium',
        to: 'high',
        note: 'VIP',
      });
      expect(history[2]?.to).toEqual(['a']);
      await store.ticketNotes.add({ id: 'n1', ticketId: 't1', author: actor, body: '已联系客户', at: at(1) });
      await store.ticketNotes.add({ id: 'n2', ticketId: 't1', author: actor, body: '等待回复', at: at(2) });
      expect((await store.ticketNotes.list('t1')).map((note) => note.body)).toEqual([
        '已联系客户',
        '等待回复',
      ]);
      expect(await store.ticketNotes.get('n2')).toEqual({
        id: 'n2',
        ticketId: 't1',
        author: actor,
        body: '等待回复',
        at: at(2),
      });
      expect(await store.ticketNotes.get('missing')).toBeNull();
    });
  });
}
