import type { SqliteMigration } from '../migration.types.ts';

/** The SQL name of phoneDigits() (shared/execution-search-keys.ts), registered by applyMigrations. */
export const PHONE_DIGITS_SQL_FUNCTION = 'flowdesk_phone_digits';

/**
 * Migration 018's backfill stripped only a few marks (`+ - ( ) . /` and
 * spaces) from customer phones, while new saves keep the digits alone
 * (phoneDigits): a phone written `tel: 138 1234 5678` or with dashes other
 * than `-` kept its letters and marks, and a whole-number search missed it.
 * This recomputes those rows with phoneDigits itself; 018's value holds every
 * digit of the phone it came from, so the result equals what a save writes.
 */
export const PHONE_DIGITS_MIGRATION: SqliteMigration = {
  version: 21,
  name: 'execution phone digits',
  sql: `
    UPDATE executions
    SET customer_phone = NULLIF(${PHONE_DIGITS_SQL_FUNCTION}(customer_phone), '')
    WHERE customer_phone GLOB '*[^0-9]*';`,
};
