import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { openMongoStore } from './mongo/lazy-mongo-store.ts';
import type { TransactionObserver } from './port/transaction-observer.types.ts';
import { openSqliteStore } from './sqlite/open-sqlite-store.ts';
import type { Store } from './store.port.ts';

export interface StoreConfig {
  /** When set, MongoDB through mongoose (needs a replica set for transactions). */
  mongoUri?: string | null;
  /** Database name for MongoDB when the URI does not name one. */
  mongoDbName?: string;
  /** How long to look for a MongoDB server before failing to open. Default 10000. */
  mongoServerSelectionTimeoutMs?: number;
  /** SQLite file path; ':memory:' for a throwaway database. Default ./data/flowdesk.sqlite. */
  sqlitePath?: string;
  /** SQLite: how long a write waits for another process's write lock. Default 5000. */
  busyTimeoutMs?: number;
  /** Told how long each `transaction()` took, on either adapter (the server's metrics). */
  onTransaction?: TransactionObserver;
  /** SQLite: checkpoint the WAL from a worker thread (long-running processes; see wal-checkpointer.ts). */
  sqliteBackgroundCheckpoints?: boolean;
  /** SQLite: told when a background checkpoint fails. */
  onCheckpointError?: (message: string) => void;
}

export const DEFAULT_SQLITE_PATH = './data/flowdesk.sqlite';

/** Picks the adapter from config; the server reads env and passes it in. */
export async function createStore(config: StoreConfig = {}): Promise<Store> {
  if (config.mongoUri) {
    return openMongoStore({
      uri: config.mongoUri,
      dbName: config.mongoDbName,
      serverSelectionTimeoutMs: config.mongoServerSelectionTimeoutMs,
      ...(config.onTransaction ? { onTransaction: config.onTransaction } : {}),
    });
  }
  const path = config.sqlitePath ?? DEFAULT_SQLITE_PATH;
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true });
  }
  return openSqliteStore({
    path,
    busyTimeoutMs: config.busyTimeoutMs,
    ...(config.onTransaction ? { onTransaction: config.onTransaction } : {}),
    ...(config.sqliteBackgroundCheckpoints ? { backgroundCheckpoints: true } : {}),
    ...(config.onCheckpointError ? { onCheckpointError: config.onCheckpointError } : {}),
  });
}
