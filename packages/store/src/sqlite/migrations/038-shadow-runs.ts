import type { SqliteMigration } from '../migration.types.ts';

/**
 * Shadow runs kept in the store while they run (issue 18): any replica answers
 * their progress and takes their cancel, and a run whose process died is ended
 * as interrupted. The partial unique index lets one run per workspace be
 * running at a time, whichever process starts it.
 */
export const SHADOW_RUNS_MIGRATION: SqliteMigration = {
  version: 38,
  name: 'shadow runs',
  sql: `CREATE TABLE shadow_runs (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL,
  flow_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'cancelled', 'failed', 'interrupted')),
  done INTEGER NOT NULL DEFAULT 0,
  total INTEGER NOT NULL,
  live_version INTEGER NOT NULL,
  draft_revision INTEGER NOT NULL,
  draft_hash TEXT NOT NULL,
  selection TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  started_at TEXT NOT NULL,
  heartbeat_at TEXT NOT NULL,
  ended_at TEXT,
  cancel_requested INTEGER NOT NULL DEFAULT 0,
  error TEXT
);
CREATE UNIQUE INDEX shadow_runs_one_running ON shadow_runs (workspace_id) WHERE status = 'running';
CREATE INDEX shadow_runs_running_heartbeat ON shadow_runs (heartbeat_at) WHERE status = 'running';`,
};
