import type { SqliteMigration } from '../migration.types.ts';

/** Shadow-run reports, kept with the version they were published with (issue 18). */
export const SHADOW_REPORTS_MIGRATION: SqliteMigration = {
  version: 29,
  name: 'shadow-run reports',
  sql: `CREATE TABLE shadow_reports (
  id TEXT PRIMARY KEY,
  flow_id TEXT NOT NULL,
  workspace_id TEXT NOT NULL,
  live_version INTEGER NOT NULL,
  draft_revision INTEGER NOT NULL,
  report TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  published_version INTEGER
);
CREATE INDEX shadow_reports_by_version ON shadow_reports (flow_id, published_version);`,
};
