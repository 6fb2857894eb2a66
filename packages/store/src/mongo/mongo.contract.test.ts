import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { describeStoreContract } from '../contract/store.contract.ts';
import { describeTransactionObserverContract } from '../contract/transaction-observer.contract.ts';
import type { Store } from '../store.port.ts';
import { type MongoStore, openMongoStore } from './open-mongo-store.ts';

const uri = process.env.MONGODB_URI;

/** Each test gets its own database, dropped when the store closes. */
async function openFresh(leaseClock: 'caller' | 'database' = 'caller'): Promise<Store> {
  const store = await openMongoStore({
    uri: uri ?? '',
    dbName: `flowdesk_contract_${randomUUID().slice(0, 8)}`,
    // The contract drives a simulated clock through the port's `now`.
    leaseClock,
  });
  return withDropOnClose(store);
}

function withDropOnClose(store: MongoStore): Store {
  return {
    ...store,
    close: async () => {
      await store.connection.dropDatabase();
      await store.close();
    },
  };
}

// Without a server Vitest reports the whole suite as skipped, not as a passing test.
describe.skipIf(!uri)('mongo (MONGODB_URI)', () => {
  describeTransactionObserverContract('mongo', async (onTransaction) =>
    withDropOnClose(
      await openMongoStore({
        uri: uri ?? '',
        dbName: `flowdesk_contract_${randomUUID().slice(0, 8)}`,
        leaseClock: 'caller',
        onTransaction,
      }),
    ),
  );

  describeStoreContract('mongo', () => openFresh(), {
    // A second connection to the same database stands in for a second server replica.
    openPeer: async (store) => {
      const name = (store as Partial<MongoStore>).connection?.name;
      if (!name || !uri) throw new Error('peer asked for a store this runner did not open');
      return openMongoStore({ uri, dbName: name, leaseClock: 'caller' });
    },
  });

  it('runs job leases on the database clock, whatever time the caller says', async () => {
    const store = await openFresh('database');
    try {
      const hourAhead = new Date(Date.now() + 3_600_000).toISOString();
      await store.jobs.enqueue({ id: 'later', kind: 'timer', runAt: hourAhead, payload: {}, now: hourAhead });
      await store.jobs.enqueue({
        id: 'due',
        kind: 'timer',
        runAt: new Date(0).toISOString(),
        payload: {},
        now: hourAhead,
      });
      const farFuture = '2100-01-01T00:00:00.000Z';
      const claimed = await store.jobs.claimDue({
        workerId: 'w',
        now: farFuture,
        leaseMs: 60_000,
        limit: 10,
      });
      expect(claimed.map((job) => job.id)).toEqual(['due']);
      const expiresAt = Date.parse(claimed[0]?.leaseExpiresAt ?? '');
      expect(Math.abs(expiresAt - (Date.now() + 60_000))).toBeLessThan(30_000);
      // A caller whose clock says the lease ran out cannot take the job over.
      expect(
        await store.jobs.claimDue({ workerId: 'w2', now: farFuture, leaseMs: 60_000, limit: 10 }),
      ).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
