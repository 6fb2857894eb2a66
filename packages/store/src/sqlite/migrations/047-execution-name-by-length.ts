import type { SqliteMigration } from '../migration.types.ts';

/**
 * The executions search by ticket number or phone at a million executions
 * (issue 17: 110–121 ms p95, target < 100 ms; BENCHMARKS.md "1,000,000
 * tickets"). Every search also matches the term against any part of the
 * customer's name, which no index can seek, so each one scanned every entry of
 * executions_by_contact (1.4 M, ~100 ms), even for a 13-character ticket number.
 *
 * A name that contains the term is at least as long as the term. The name is
 * now indexed by its length first (executions_by_name_length), and the search
 * reads only the names that are long enough: a ticket number or a phone number
 * reaches the few names of 11 characters or more, and a one-character term
 * still reads them all, as before. The phone gets its own index for the whole
 * phone's lookup and the part's scan (shorter entries than the old pair). The
 * intake writes one more index entry for an execution with both a name and a
 * phone. Both indexes skip NULLs: an execution without a name or phone has no
 * entry to write or scan.
 */
export const EXECUTION_NAME_BY_LENGTH_MIGRATION: SqliteMigration = {
  version: 47,
  name: 'executions by customer name length',
  sql: `
    CREATE INDEX executions_by_name_length ON executions (length(customer_name), customer_name)
      WHERE customer_name IS NOT NULL;
    CREATE INDEX executions_by_phone ON executions (customer_phone) WHERE customer_phone IS NOT NULL;
    DROP INDEX IF EXISTS executions_by_contact;`,
};
