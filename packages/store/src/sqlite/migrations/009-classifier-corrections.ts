import type { SqliteMigration } from '../migration.types.ts';

/** Agents' corrections of the classifier, read per workspace in time order and counted often. */
export const CLASSIFIER_CORRECTIONS_MIGRATION: SqliteMigration = {
  version: 9,
  name: 'classifier corrections',
  sql: `
    CREATE TABLE classifier_corrections (
      id TEXT PRIMARY KEY,
      workspace_id TEXT NOT NULL,
      text TEXT NOT NULL,
      from_label TEXT,
      to_label TEXT NOT NULL,
      ticket_id TEXT,
      by_user TEXT NOT NULL,
      at TEXT NOT NULL
    );
    CREATE INDEX classifier_corrections_by_workspace ON classifier_corrections (workspace_id, at, id);`,
};
