import { describe, expect, it } from 'vitest';
import { at, type ContractContext } from './contract-context.ts';

const RESPONSE = {
  status: 201,
  body: { ticket: 'CS202611220001', items: [] },
  headers: { location: '/t/1' },
};

export function describeKeysAndCountersContract(ctx: ContractContext): void {
  describe('idempotency keys', () => {
    it('answers new, then in progress, then the saved response for one key', async () => {
      const store = ctx.store();
      expect(await store.idempotency.reserve('intake', 'k1', 'hash-a', at(0))).toEqual({ outcome: 'new' });
      expect(await store.idempotency.reserve('intake', 'k1', 'hash-a', at(1))).toEqual({
        outcome: 'in_progress',
        reservedAt: at(0),
      });
      expect(await store.idempotency.saveResponse('intake', 'k1', RESPONSE, at(2))).toBe(true);
      expect(await store.idempotency.reserve('intake', 'k1', 'hash-a', at(3))).toEqual({
        outcome: 'replay',
        response: RESPONSE,
      });
      expect(await store.idempotency.reserve('intake', 'k1', 'hash-b', at(4))).toEqual({
        outcome: 'mismatch',
      });
      expect(await store.idempotency.reserve('other-scope', 'k1', 'hash-b', at(4))).toEqual({
        outcome: 'new',
      });
      expect(await store.idempotency.saveResponse('intake', 'never', RESPONSE, at(5))).toBe(false);
    });

    it('lets a later request take over a reservation that was never answered, once', async () => {
      const store = ctx.store();
      await store.idempotency.reserve('intake', 'k1', 'h', at(10_000));
      expect(await store.idempotency.reserve('intake', 'k1', 'h', at(10_500), at(5_000))).toEqual({
        outcome: 'in_progress',
        reservedAt: at(10_000),
      });
      expect(await store.idempotency.reserve('intake', 'k1', 'h', at(40_000), at(20_000))).toEqual({
        outcome: 'new',
      });
      // Taken over at 40 000: the key stays blocked from then on, not from the first reservation.
      expect(await store.idempotency.reserve('intake', 'k1', 'h', at(40_001), at(30_001))).toEqual({
        outcome: 'in_progress',
        reservedAt: at(40_000),
      });
      await store.idempotency.saveResponse('intake', 'k1', RESPONSE, at(40_002));
      expect(await store.idempotency.reserve('intake', 'k1', 'h', at(90_000), at(80_000))).toEqual({
        outcome: 'replay',
        response: RESPONSE,
      });
    });

    it('forgets a released key and purges old ones', async () => {
      const store = ctx.store();
      await store.idempotency.reserve('intake', 'k1', 'h', at(0));
      expect(await store.idempotency.release('intake', 'k1')).toBe(true);
      expect(await store.idempotency.reserve('intake', 'k1', 'h2', at(1))).toEqual({ outcome: 'new' });
      await store.idempotency.reserve('intake', 'k2', 'h', at(10_000));
      expect(await store.idempotency.purgeBefore(at(5000))).toBe(1);
      expect(await store.idempotency.reserve('intake', 'k2', 'h', at(10_001))).toEqual({
        outcome: 'in_progress',
        reservedAt: at(10_000),
      });
    });

    it('gives "new" to exactly one of several concurrent first requests', async () => {
      const store = ctx.store();
      const peer = await ctx.peer();
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, index) =>
          (index % 2 === 0 ? store : peer).idempotency.reserve('intake', 'same', 'h', at(index)),
        ),
      );
      expect(results.filter((result) => result.outcome === 'new')).toHaveLength(1);
      expect(results.filter((result) => result.outcome === 'in_progress')).toHaveLength(5);
    });
  });

  describe('counters', () => {
    it('counts from 1 per name', async () => {
      const store = ctx.store();
      expect(await store.counters.current('ticket:20261122')).toBe(0);
      expect(await store.counters.next('ticket:20261122')).toBe(1);
      expect(await store.counters.next('ticket:20261122')).toBe(2);
      expect(await store.counters.next('ticket:20261123')).toBe(1);
      expect(await store.counters.current('ticket:20261122')).toBe(2);
    });

    it('hands out distinct, gapless values under concurrency', async () => {
      const store = ctx.store();
      const peer = await ctx.peer();
      const values = await Promise.all(
        Array.from({ length: 40 }, (_, index) => (index % 2 === 0 ? store : peer).counters.next('serial')),
      );
      expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, index) => index + 1));
      // Each caller that asks after another's answer gets a larger value.
      const first = await store.counters.next('serial');
      const second = await peer.counters.next('serial');
      expect(second).toBeGreaterThan(first);
    });
  });
}
