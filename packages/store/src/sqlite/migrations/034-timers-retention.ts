import type { SqliteMigration } from '../migration.types.ts';

/**
 * Timers at volume and retention (issue 17, items 2 and 3).
 *
 * - `jobs_due` gains `id`: the claim orders by (run_at, id), so with the id in the
 *   index it walks the index and stops after LIMIT rows instead of sorting every
 *   due job (10,000 timers due in one second made each claim sort 10,000 rows).
 * - `jobs_finished`: finished jobs by finish time, for the retention prune.
 * - `executions.steps_pruned_at`: when the retention prune removed the execution's
 *   step log (the trace view says so instead of showing an empty trace), and
 *   `executions_prunable`: finished executions whose steps are still there, by
 *   finish time; a pruned execution leaves the index, so each prune batch starts
 *   at the first row still to do.
 */
export const TIMERS_RETENTION_MIGRATION: SqliteMigration = {
  version: 34,
  name: 'claim index with id, finished jobs and prunable executions',
  sql: `
    DROP INDEX jobs_due;
    CREATE INDEX jobs_due ON jobs (run_at, id) WHERE status IN ('pending', 'running');
    CREATE INDEX jobs_finished ON jobs (finished_at) WHERE finished_at IS NOT NULL;
    ALTER TABLE executions ADD COLUMN steps_pruned_at TEXT;
    CREATE INDEX executions_prunable ON executions (finished_at)
      WHERE finished_at IS NOT NULL AND steps_pruned_at IS NULL;`,
};
