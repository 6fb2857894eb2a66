import type { SqliteMigration } from '../migration.types.ts';

/**
 * The customer search at a million tickets (issue 17; BENCHMARKS.md): customers
 * had no index but their id, so every search sorted the workspace's customers by
 * their last update and looked into each one's identities: 1.2 s at 303,000
 * customers. The search now reads a name's part from a scan of short index
 * entries, a whole identity from its own index, and a term with many matches
 * newest first from the update order (sqlite-customers.repo.ts, search). A
 * customer's update moves one more index entry; identities are written once.
 */
export const CUSTOMER_SEARCH_INDEXES_MIGRATION: SqliteMigration = {
  version: 42,
  name: 'customer search indexes',
  sql: `
    CREATE INDEX customers_by_name ON customers (workspace_id, name, id);
    CREATE INDEX customers_by_updated ON customers (workspace_id, updated_at DESC, id);
    CREATE INDEX customer_identities_by_value ON customer_identities (workspace_id, value, customer_id);`,
};
