import type { SqliteMigration } from '../migration.types.ts';

/**
 * An SLA policy may carry its own business calendar (JSON, like teams.calendar);
 * NULL, as for every policy written before, means the ticket's team calendar.
 */
export const SLA_POLICY_CALENDAR_MIGRATION: SqliteMigration = {
  version: 23,
  name: 'sla policy calendar',
  sql: `ALTER TABLE sla_policies ADD COLUMN calendar TEXT;`,
};
