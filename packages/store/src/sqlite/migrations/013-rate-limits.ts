import type { SqliteMigration } from '../migration.types.ts';

/**
 * Counters of rate-limiter-flexible (login attempts, widget calls), shared by
 * every process on this file. The columns are the ones RateLimiterSQLite
 * reads and writes: `expire` is epoch milliseconds, NULL for never.
 */
export const RATE_LIMITS_MIGRATION: SqliteMigration = {
  version: 13,
  name: 'rate limits',
  sql: `
    CREATE TABLE rate_limits (
      key TEXT PRIMARY KEY,
      points INTEGER NOT NULL DEFAULT 0,
      expire INTEGER
    );
    CREATE INDEX rate_limits_by_expiry ON rate_limits (expire);`,
};
