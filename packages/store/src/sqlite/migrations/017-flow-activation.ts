import type { SqliteMigration } from '../migration.types.ts';

/**
 * Each flow gets an on/off switch (existing flows stay on) and a position in the
 * workspace's order (existing flows numbered by creation, as intake tried them before).
 */
export const FLOW_ACTIVATION_MIGRATION: SqliteMigration = {
  version: 17,
  name: 'flow activation and order',
  sql: `
    ALTER TABLE flows ADD COLUMN enabled INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE flows ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
    UPDATE flows SET position = (
      SELECT COUNT(*) FROM flows AS earlier
      WHERE earlier.workspace_id = flows.workspace_id
        AND (earlier.created_at < flows.created_at
          OR (earlier.created_at = flows.created_at AND earlier.id < flows.id))
    );
    CREATE INDEX flows_by_position ON flows (workspace_id, position);`,
};
