import type { SqliteMigration } from '../migration.types.ts';

/**
 * The KPI dashboard reads the tickets of a date range (analytics.ticketsForPeriod):
 * those changed since the range began, by this index, and those still open, by
 * the open-ticket index of migration 027.
 */
export const ANALYTICS_PERIOD_MIGRATION: SqliteMigration = {
  version: 28,
  name: 'tickets by last change (analytics date ranges)',
  sql: `CREATE INDEX tickets_by_updated ON tickets (workspace_id, updated_at);`,
};
