import type { SqliteMigration } from '../migration.types.ts';

/**
 * The retention prune keeps a few steps of an old execution (what the KPI
 * hand-off reason reads) with their payloads emptied and their error cleared.
 * Saving the execution unfinished again (a retry) clears its steps_pruned_at,
 * after which such a step read like a step that succeeded with no output:
 * ExecutionRepository.succeededStep, which lets a repeated activity replay
 * what its step did, could then answer a failed hand-over with "done". Each
 * kept step now says it was pruned, as Mongo's step documents already do.
 *
 * Adding a nullable column rewrites no rows. The steps of executions pruned
 * before this migration are marked from steps_pruned_at; those pruned and then
 * reopened before it cannot be told apart and stay unmarked.
 */
export const PRUNED_STEPS_MARKED_MIGRATION: SqliteMigration = {
  version: 49,
  name: 'pruned steps marked',
  sql: `
    ALTER TABLE execution_steps ADD COLUMN pruned INTEGER;
    UPDATE execution_steps SET pruned = 1
      WHERE execution_id IN (SELECT id FROM executions WHERE steps_pruned_at IS NOT NULL);`,
};
