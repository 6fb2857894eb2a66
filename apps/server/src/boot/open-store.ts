import { createStore, type Store, type TransactionObserver } from '@flowdesk/store';
import type { ServerConfig } from '../config/server-config.ts';
import { sealedStore } from '../secrets/secrets-at-rest.ts';

/** What the server's metrics want told by the store (its transaction times). */
export interface StoreObservers {
  onTransaction?: TransactionObserver;
  /** SQLite: checkpoint the WAL from a worker thread (the server and worker processes). */
  backgroundCheckpoints?: boolean;
  /** Told when a background checkpoint fails; the next one tries again. */
  onCheckpointError?: (message: string) => void;
}

/** The raw store, without the sealing of channel secrets; for the secrets command and openConfiguredStore. */
export function openRawStore(config: ServerConfig, observe: StoreObservers = {}): Promise<Store> {
  return createStore({
    ...(config.store.kind === 'mongo' ? { mongoUri: config.store.uri } : { sqlitePath: config.store.path }),
    ...(observe.onTransaction ? { onTransaction: observe.onTransaction } : {}),
    ...(observe.backgroundCheckpoints ? { sqliteBackgroundCheckpoints: true } : {}),
    ...(observe.onCheckpointError ? { onCheckpointError: observe.onCheckpointError } : {}),
  });
}

/**
 * The store with channel secrets sealed at rest. A key that does not fit the
 * database is a ConfigError (translated) and the store is closed again.
 */
export async function openConfiguredStore(
  config: ServerConfig,
  observe: StoreObservers = {},
): Promise<Store> {
  const raw = await openRawStore(config, observe);
  try {
    return await sealedStore(raw, config, new Date());
  } catch (error) {
    await raw.close();
    throw error;
  }
}
