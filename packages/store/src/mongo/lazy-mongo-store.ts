import type { MongoStore, MongoStoreOptions } from './open-mongo-store.ts';

/**
 * Opens the MongoDB store, loading mongoose only then: a server on the embedded
 * store never pays for the driver (start-up time, memory).
 */
export async function openMongoStore(options: MongoStoreOptions): Promise<MongoStore> {
  const { openMongoStore: open } = await import('./open-mongo-store.ts');
  return open(options);
}
