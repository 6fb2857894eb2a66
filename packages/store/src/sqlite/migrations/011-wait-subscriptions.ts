import type { SqliteMigration } from '../migration.types.ts';

/**
 * Executions waiting for a ticket event, found by (event, ticket id) when the
 * event happens and rewritten per execution at every save. No foreign key to
 * executions: a row left behind is refused by the engine's seq check anyway.
 */
export const WAIT_SUBSCRIPTIONS_MIGRATION: SqliteMigration = {
  version: 11,
  name: 'wait subscriptions',
  sql: `
    CREATE TABLE wait_subscriptions (
      execution_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      event TEXT NOT NULL,
      key TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (execution_id, seq, event, key)
    );
    CREATE INDEX wait_subscriptions_by_key ON wait_subscriptions (event, key, created_at);`,
};
