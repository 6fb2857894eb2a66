import { randomUUID } from 'node:crypto';
import { describe } from 'vitest';
import { describeStoreContract } from '../contract/store.contract.ts';
import type { Store } from '../store.port.ts';
import { type MongoStore, openMongoStore } from './open-mongo-store.ts';

const uri = process.env.MONGODB_URI;

/** Each test gets its own database, dropped when the store closes. */
async function openFresh(): Promise<Store> {
  const store = await openMongoStore({
    uri: uri ?? '',
    dbName: `flowdesk_contract_${randomUUID().slice(0, 8)}`,
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
  describeStoreContract('mongo', openFresh, {
    // A second connection to the same database stands in for a second server replica.
    openPeer: async (store) => {
      const name = (store as Partial<MongoStore>).connection?.name;
      if (!name || !uri) throw new Error('peer asked for a store this runner did not open');
      return openMongoStore({ uri, dbName: name });
    },
  });
});
