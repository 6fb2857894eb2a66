import { describe, expect, it } from 'vitest';
import type { WaitSubscription } from '../port/wait-subscription.types.ts';
import { at, type ContractContext } from './contract-context.ts';

function row(executionId: string, extra: Partial<WaitSubscription> = {}): WaitSubscription {
  return { executionId, seq: 3, event: 'customer_reply', key: 'ticket-1', createdAt: at(0), ...extra };
}

export function describeWaitSubscriptionContract(ctx: ContractContext): void {
  describe('wait subscriptions', () => {
    it('finds the executions waiting for an event on a key, oldest first', async () => {
      const store = ctx.store();
      await store.waitSubscriptions.replaceFor('exec-b', [row('exec-b', { createdAt: at(2000) })]);
      await store.waitSubscriptions.replaceFor('exec-a', [row('exec-a', { seq: 7, createdAt: at(1000) })]);
      await store.waitSubscriptions.replaceFor('exec-c', [
        row('exec-c', { event: 'ticket_status', createdAt: at(500) }),
      ]);
      await store.waitSubscriptions.replaceFor('exec-d', [row('exec-d', { key: 'ticket-2' })]);

      expect(await store.waitSubscriptions.find('customer_reply', 'ticket-1')).toEqual([
        row('exec-a', { seq: 7, createdAt: at(1000) }),
        row('exec-b', { createdAt: at(2000) }),
      ]);
      expect(await store.waitSubscriptions.find('ticket_status', 'ticket-1')).toEqual([
        row('exec-c', { event: 'ticket_status', createdAt: at(500) }),
      ]);
      expect(await store.waitSubscriptions.find('ticket_status', 'ticket-9')).toEqual([]);
      expect(await store.waitSubscriptions.has('ticket_status')).toBe(true);
    });

    it("replaces only that execution's rows, and none removes them", async () => {
      const store = ctx.store();
      await store.waitSubscriptions.replaceFor('exec-a', [row('exec-a')]);
      await store.waitSubscriptions.replaceFor('exec-b', [row('exec-b')]);
      await store.waitSubscriptions.replaceFor('exec-a', [
        row('exec-a', { seq: 5, event: 'ticket_status', createdAt: at(1000) }),
      ]);
      expect(await store.waitSubscriptions.find('customer_reply', 'ticket-1')).toEqual([row('exec-b')]);
      expect(await store.waitSubscriptions.find('ticket_status', 'ticket-1')).toEqual([
        row('exec-a', { seq: 5, event: 'ticket_status', createdAt: at(1000) }),
      ]);

      await store.waitSubscriptions.replaceFor('exec-a', []);
      await store.waitSubscriptions.replaceFor('exec-never-waited', []);
      expect(await store.waitSubscriptions.find('ticket_status', 'ticket-1')).toEqual([]);
      expect(await store.waitSubscriptions.find('customer_reply', 'ticket-1')).toEqual([row('exec-b')]);
      expect(await store.waitSubscriptions.has('ticket_status')).toBe(false);
      expect(await store.waitSubscriptions.has('customer_reply')).toBe(true);
    });

    it('keeps a repeated row once and stores rows under the execution replaced', async () => {
      const store = ctx.store();
      await store.waitSubscriptions.replaceFor('exec-a', [row('exec-a'), row('exec-a'), row('exec-other')]);
      expect(await store.waitSubscriptions.find('customer_reply', 'ticket-1')).toEqual([row('exec-a')]);
    });

    it('changes nothing when the transaction rolls back', async () => {
      const store = ctx.store();
      await store.waitSubscriptions.replaceFor('exec-a', [row('exec-a')]);
      await expect(
        store.transaction(async (tx) => {
          await tx.waitSubscriptions.replaceFor('exec-a', []);
          await tx.waitSubscriptions.replaceFor('exec-b', [row('exec-b')]);
          expect(await tx.waitSubscriptions.find('customer_reply', 'ticket-1')).toEqual([row('exec-b')]);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      expect(await store.waitSubscriptions.find('customer_reply', 'ticket-1')).toEqual([row('exec-a')]);
    });
  });
}
