import type { SqliteMigration } from '../migration.types.ts';

/**
 * The team queues of the inbox at a million tickets (issue 17; BENCHMARKS.md): a
 * team queue is the team's unassigned tickets in queue order, and tickets_queue
 * (team, status, …) holds the assigned ones too, so each read looked up every open
 * ticket of the team to drop it (6,796 rows and 12 ms for after-sales, for none
 * kept); a supervisor's inbox reads every team's. This index holds only the
 * unassigned tickets, which a ticket leaves when someone takes it.
 */
export const TICKETS_UNASSIGNED_MIGRATION: SqliteMigration = {
  version: 43,
  name: 'unassigned tickets in queue order',
  sql: `
    CREATE INDEX tickets_unassigned ON tickets (team, status, vip_level DESC, priority_rank, created_at, id)
      WHERE assignee IS NULL;`,
};
