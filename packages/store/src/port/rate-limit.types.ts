/**
 * Where rate-limiter-flexible keeps its counters in this store's database, so
 * a limit holds across every replica that shares it. The store owns the
 * database handle and the table; the server only hands these options to the
 * matching limiter class (RateLimiterSQLite or RateLimiterMongo) together with
 * its own points and durations. No SQL or query leaves the store.
 */
export type RateLimiterBackend =
  | {
      kind: 'sqlite';
      /** Options for RateLimiterSQLite: a knex-shaped client that lends the connection under the store's lock. */
      options: {
        storeClient: SqliteRateLimiterClient;
        storeType: 'knex';
        tableName: string;
        tableCreated: true;
      };
    }
  | {
      kind: 'mongo';
      /** Options for RateLimiterMongo: the store's mongoose connection; the library adds its TTL index. */
      options: { storeClient: unknown; tableName: string };
    };

/**
 * What RateLimiterSQLite reads from a knex instance (`raw`, `client.config.client`,
 * `client.acquireConnection/releaseConnection`). Going through this shape
 * instead of the bare better-sqlite3 handle makes every limiter statement wait
 * for the store's lock, so it never lands inside another caller's open
 * transaction (the SQLite store holds BEGIN … COMMIT across awaits).
 */
export interface SqliteRateLimiterClient {
  raw(): never;
  client: {
    config: { client: 'better-sqlite3' };
    acquireConnection(): Promise<unknown>;
    releaseConnection(connection: unknown): void;
  };
}

/** The rate-limit table (SQLite) or collection (MongoDB) every limiter shares; keys carry each limiter's prefix. */
export const RATE_LIMIT_TABLE = 'rate_limits';
