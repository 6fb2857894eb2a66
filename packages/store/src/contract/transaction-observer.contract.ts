import { describe, expect, it } from 'vitest';
import type { TransactionObservation, TransactionObserver } from '../port/transaction-observer.types.ts';
import type { Store } from '../store.port.ts';

class Boom extends Error {}

/**
 * The `onTransaction` option every adapter takes: each transaction is reported
 * once it has ended, committed or rolled back, with the store's kind; plain
 * reads outside a transaction report nothing, and an observer that throws
 * changes no result.
 */
export function describeTransactionObserverContract(
  name: string,
  open: (observer: TransactionObserver) => Promise<Store>,
): void {
  describe(`${name}: transaction observer`, () => {
    it('reports each transaction with its time and outcome, and nothing else', async () => {
      const seen: TransactionObservation[] = [];
      const store = await open((observation) => seen.push(observation));
      try {
        expect(await store.transaction((tx) => tx.counters.next('observed'))).toBe(1);
        await expect(
          store.transaction(async (tx) => {
            await tx.counters.next('observed');
            throw new Boom('no');
          }),
        ).rejects.toBeInstanceOf(Boom);
        await store.counters.current('observed');
        expect(seen.map((observation) => [observation.store, observation.outcome])).toEqual([
          [store.kind, 'committed'],
          [store.kind, 'rolled_back'],
        ]);
        for (const observation of seen) {
          expect(observation.durationMs).toBeGreaterThanOrEqual(0);
          expect(observation.durationMs).toBeLessThan(60_000);
        }
        expect(await store.counters.current('observed')).toBe(1);
      } finally {
        await store.close();
      }
    });

    it('keeps the transaction’s result when the observer throws', async () => {
      const store = await open(() => {
        throw new Error('metrics are broken');
      });
      try {
        expect(await store.transaction((tx) => tx.counters.next('observed'))).toBe(1);
      } finally {
        await store.close();
      }
    });
  });
}
