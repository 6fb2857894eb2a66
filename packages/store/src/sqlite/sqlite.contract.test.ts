import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { describeStoreContract } from '../contract/store.contract.ts';
import { describeTransactionObserverContract } from '../contract/transaction-observer.contract.ts';
import { openSqliteStore } from './open-sqlite-store.ts';

describeStoreContract('sqlite in memory', () => openSqliteStore({ path: ':memory:' }));

describeTransactionObserverContract('sqlite', (onTransaction) =>
  openSqliteStore({ path: ':memory:', onTransaction }),
);

const directory = mkdtempSync(join(tmpdir(), 'flowdesk-store-'));
let fileCount = 0;
const paths = new WeakMap<object, string>();

describeStoreContract(
  'sqlite file',
  async () => {
    fileCount += 1;
    const path = join(directory, `contract-${fileCount}.sqlite`);
    const store = await openSqliteStore({ path });
    paths.set(store, path);
    return store;
  },
  {
    // A second connection to the same file behaves like a second process.
    openPeer: async (store) => {
      const path = paths.get(store);
      if (!path) throw new Error('peer asked for a store this runner did not open');
      return openSqliteStore({ path });
    },
  },
);

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});
