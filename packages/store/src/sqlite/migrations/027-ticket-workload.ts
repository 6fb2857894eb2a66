import type { SqliteMigration } from '../migration.types.ts';

/**
 * The supervisor's backlog (tickets.workload) counts open tickets by team and
 * assignee. This partial index holds open tickets only and every column the
 * count reads, so the count walks the open tickets in the index and never the
 * table: its cost follows the open backlog, not the millions of resolved
 * tickets kept for history.
 */
export const TICKET_WORKLOAD_MIGRATION: SqliteMigration = {
  version: 27,
  name: 'open tickets by team and assignee (supervisor workload)',
  sql: `
    CREATE INDEX tickets_open_workload ON tickets (
      workspace_id, team, assignee, created_at, sla_state, paused_at,
      first_responded_at, first_response_due_at, resolution_due_at, status
    ) WHERE status NOT IN ('resolved', 'closed');`,
};
