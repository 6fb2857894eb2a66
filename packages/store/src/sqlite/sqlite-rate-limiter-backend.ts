import type Database from 'better-sqlite3';
import { RATE_LIMIT_TABLE, type RateLimiterBackend } from '../port/rate-limit.types.ts';
import type { AsyncMutex } from './async-mutex.ts';

/**
 * RateLimiterSQLite on this store's connection. Its knex mode asks for the
 * connection before each statement and gives it back after, which is exactly
 * where the store's lock goes: a limiter statement waits for a group commit to
 * end instead of slipping into it (and being rolled back with someone else's
 * failed unit). The table comes from migration 013, so the library never
 * creates one; expired rows are deleted by its `clearExpired`.
 */
export function sqliteRateLimiterBackend(db: Database.Database, mutex: AsyncMutex): RateLimiterBackend {
  return {
    kind: 'sqlite',
    options: {
      storeClient: {
        raw: () => {
          throw new Error('The rate-limit client only lends the SQLite connection; it runs no knex queries');
        },
        client: {
          config: { client: 'better-sqlite3' },
          acquireConnection: async () => {
            await mutex.acquire();
            if (db.open) return db;
            mutex.release();
            throw new Error('The store is closed');
          },
          releaseConnection: () => mutex.release(),
        },
      },
      storeType: 'knex',
      tableName: RATE_LIMIT_TABLE,
      tableCreated: true,
    },
  };
}
