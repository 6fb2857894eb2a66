import type { SqliteMigration } from '../migration.types.ts';

/**
 * jobs_by_status (status, run_at) has had no reader since migration 034: the
 * claim walks jobs_due, the queue's figures read jobs_due, the retention sweep
 * reads jobs_finished, a cancel finds its job by id or idempotency key (and
 * keeps the planner off this index with `+status`), and the admin list scans
 * and sorts either way. Yet every job wrote it three times: at enqueue, at its
 * claim (pending → running, an entry deleted and one added) and at its end
 * (again). With 10,000 timers due at once that was 0.21 of the 13 pages each
 * fired timer's commit wrote (BENCHMARKS.md, "Timers at volume").
 */
export const DROP_JOBS_BY_STATUS_MIGRATION: SqliteMigration = {
  version: 48,
  name: 'drop the unread jobs_by_status index',
  sql: 'DROP INDEX IF EXISTS jobs_by_status;',
};
