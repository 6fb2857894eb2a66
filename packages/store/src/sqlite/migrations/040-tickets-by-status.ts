import type { SqliteMigration } from '../migration.types.ts';

/**
 * The inbox at a million tickets (issue 17; BENCHMARKS.md "1,000,000 tickets"):
 * two of its five lists filter on status alone (pending confirmation for every
 * reader, waiting for the customer for a supervisor without an agent profile),
 * and no index led with status, so each walked the workspace's tickets by
 * tickets_by_resolution_due and sorted them: about 2 s per inbox read at
 * 1,000,000 tickets. This index finds a status's tickets in the queue's order
 * (the unassigned, team and assignee lists keep their own indexes). The Mongo
 * ticket model already has { workspaceId, status, team, assignee }.
 */
export const TICKETS_BY_STATUS_MIGRATION: SqliteMigration = {
  version: 40,
  name: 'tickets by status in queue order',
  sql: `
    CREATE INDEX tickets_by_status ON tickets (workspace_id, status, vip_level DESC, priority_rank, created_at, id);`,
};
