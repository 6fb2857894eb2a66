import type { SqliteMigration } from '../migration.types.ts';

/**
 * The executions search at a million executions (issue 17; BENCHMARKS.md "1,000,000
 * tickets"): the search ORs the ticket number with the customer's name, email and
 * phone, and a name is matched by any part (LIKE '%…%'), which no index serves, so
 * every search walked the executions newest first, each row with its run state:
 * 25–57 s when the term matched one old execution. The search now unions one index
 * read per key (sqlite-executions.repo.ts, searchByIndexes); this index gives the
 * phone its equality lookup, and the parts of names and phones one scan of short
 * entries instead of the table (60–90 ms at 1,376,533 executions). One index for
 * both keeps the intake's write to one more entry. Emails stay out of it: a longer
 * entry made the name scan a third slower, and only readers who see contacts
 * search emails by part.
 */
export const EXECUTION_CONTACT_INDEX_MIGRATION: SqliteMigration = {
  version: 41,
  name: 'executions by customer phone and name',
  sql: `
    CREATE INDEX executions_by_contact ON executions (customer_phone, customer_name);`,
};
