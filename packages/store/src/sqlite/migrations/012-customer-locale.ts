import type { SqliteMigration } from '../migration.types.ts';

/**
 * The language a customer writes in, so flows not started by a request (ticket
 * events, surveys, schedules) still message them in it. Null for profiles made
 * before this, and for customers whose language is not known yet.
 */
export const CUSTOMER_LOCALE_MIGRATION: SqliteMigration = {
  version: 12,
  name: 'customer locale',
  sql: `ALTER TABLE customers ADD COLUMN locale TEXT;`,
};
