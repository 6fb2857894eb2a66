import { describe, expect, it } from 'vitest';
import type { NewApprovalRequest } from '../port/approval.types.ts';
import type { ContractContext } from './contract-context.ts';

const NOW = '2026-12-01T08:00:00.000Z';
const LATER = '2026-12-01T09:00:00.000Z';

function request(id: string, overrides: Partial<NewApprovalRequest> = {}): NewApprovalRequest {
  return {
    id,
    workspaceId: 'default',
    executionId: `exec-${id}`,
    seq: 3,
    flowId: 'refunds',
    version: 2,
    nodeId: 'approve',
    ticketId: 't1',
    ticketNumber: 'CS20261201001',
    decider: { kind: 'team', teamId: 'after-sales' },
    question: 'Refund order 1,250?',
    facts: [
      { path: 'request.metadata.amount', value: 1250 },
      { path: 'customer.vipLevel', value: null },
    ],
    createdAt: NOW,
    timeoutAt: LATER,
    ...overrides,
  };
}

export function describeApprovalContract(ctx: ContractContext): void {
  describe('approval requests and the in-app inbox', () => {
    it('keeps one request per execution wait and lists pending ones oldest first, by team', async () => {
      const store = ctx.store();
      const first = await store.approvals.create(request('a1'));
      expect(first).toMatchObject({
        status: 'pending',
        note: '',
        decidedBy: null,
        facts: request('a1').facts,
      });
      // The same wait asked again (a repeated step) returns the first request.
      const again = await store.approvals.create({ ...request('a1-again'), executionId: 'exec-a1' });
      expect(again.id).toBe('a1');
      await store.approvals.create(
        request('a0', { createdAt: '2026-12-01T07:00:00.000Z', decider: { kind: 'supervisor' } }),
      );
      await store.approvals.create(request('a2', { decider: { kind: 'team', teamId: 'billing' } }));

      const all = await store.approvals.listPending({ workspaceId: 'default' });
      expect(all.map((r) => r.id)).toEqual(['a0', 'a1', 'a2']);
      expect(all[0]?.decider).toEqual({ kind: 'supervisor' });
      const afterSales = await store.approvals.listPending({
        workspaceId: 'default',
        teams: ['after-sales'],
      });
      expect(afterSales.map((r) => r.id)).toEqual(['a1']);
      expect(await store.approvals.listPending({ workspaceId: 'default', teams: [] })).toEqual([]);
      expect(await store.approvals.countPending({ workspaceId: 'default' })).toBe(3);
      expect(await store.approvals.countPending({ workspaceId: 'other' })).toBe(0);
    });

    it('lists and counts the pending requests of one ticket, within the teams asked for', async () => {
      const store = ctx.store();
      await store.approvals.create(request('on-t1'));
      await store.approvals.create(request('on-t2', { ticketId: 't2', ticketNumber: 'CS20261201002' }));
      await store.approvals.create(request('no-ticket', { ticketId: null, ticketNumber: null }));
      await store.approvals.create(request('t1-billing', { decider: { kind: 'team', teamId: 'billing' } }));
      const ofT1 = await store.approvals.listPending({ workspaceId: 'default', ticketId: 't1' });
      expect(ofT1.map((r) => r.id)).toEqual(['on-t1', 't1-billing']);
      const mine = await store.approvals.listPending({
        workspaceId: 'default',
        ticketId: 't1',
        teams: ['after-sales'],
      });
      expect(mine.map((r) => r.id)).toEqual(['on-t1']);
      expect(await store.approvals.countPending({ workspaceId: 'default', ticketId: 't2' })).toBe(1);
      expect(await store.approvals.countPending({ workspaceId: 'default', ticketId: 't9' })).toBe(0);
    });

    it('records the first decision only, and closes a timed-out request', async () => {
      const store = ctx.store();
      await store.approvals.create(request('a1'));
      const decided = await store.approvals.decide('a1', {
        status: 'approved',
        by: 'user-sup',
        note: 'ok, VIP',
        at: LATER,
      });
      expect(decided).toMatchObject({ status: 'approved', decidedBy: 'user-sup', note: 'ok, VIP' });
      expect(
        await store.approvals.decide('a1', { status: 'rejected', by: 'user-2', note: '', at: LATER }),
      ).toBeNull();
      expect(await store.approvals.get('a1')).toMatchObject({ status: 'approved', decidedBy: 'user-sup' });
      expect(
        await store.approvals.decide('missing', { status: 'approved', by: 'u', note: '', at: LATER }),
      ).toBeNull();

      await store.approvals.create(request('a2'));
      expect(await store.approvals.close('exec-a2', 3, 'timed_out', LATER)).toBe(true);
      expect(await store.approvals.close('exec-a2', 3, 'timed_out', LATER)).toBe(false);
      expect((await store.approvals.get('a2'))?.status).toBe('timed_out');
      expect(await store.approvals.countPending({ workspaceId: 'default' })).toBe(0);
    });

    it('lists, counts and marks read the messages of several inboxes, with their ticket', async () => {
      const store = ctx.store();
      const base = { workspaceId: 'default', subject: 's', body: 'b', idempotencyKey: null };
      await store.inAppMessages.create({
        ...base,
        id: 'm1',
        recipientKind: 'agent',
        recipientId: 'li',
        createdAt: NOW,
        ticketId: 't1',
      });
      await store.inAppMessages.create({
        ...base,
        id: 'm2',
        recipientKind: 'team',
        recipientId: 'after-sales',
        createdAt: LATER,
      });
      await store.inAppMessages.create({
        ...base,
        id: 'm3',
        recipientKind: 'team',
        recipientId: 'billing',
        createdAt: LATER,
      });
      const inboxes = [
        { kind: 'agent' as const, id: 'li' },
        { kind: 'team' as const, id: 'after-sales' },
      ];
      const listed = await store.inAppMessages.listForRecipients(inboxes);
      expect(listed.map((m) => m.id)).toEqual(['m2', 'm1']);
      expect(listed[1]?.ticketId).toBe('t1');
      expect(listed[0]?.ticketId ?? null).toBeNull();
      expect(await store.inAppMessages.countUnread(inboxes)).toBe(2);
      expect(await store.inAppMessages.get('m3')).toMatchObject({ recipientId: 'billing' });
      expect(await store.inAppMessages.markRead('m1', LATER)).toBe(true);
      expect(await store.inAppMessages.countUnread(inboxes)).toBe(1);
      expect(await store.inAppMessages.markAllRead(inboxes, LATER)).toBe(1);
      expect(await store.inAppMessages.listForRecipients(inboxes, { unreadOnly: true })).toEqual([]);
      expect(await store.inAppMessages.countUnread([{ kind: 'team', id: 'billing' }])).toBe(1);
      expect(await store.inAppMessages.listForRecipients([])).toEqual([]);
    });
  });
}
