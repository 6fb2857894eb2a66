import type { SqliteMigration } from '../migration.types.ts';

/**
 * Users can be switched off and can hold a temporary password; invitations
 * are one-time links (the token's hash only); workspace settings keep values
 * that belong to no channel, such as the roles that may reveal a contact.
 */
export const PEOPLE_MIGRATION: SqliteMigration = {
  version: 22,
  name: 'people: deactivation, temporary passwords, invitations, workspace settings',
  sql: `
    ALTER TABLE users ADD COLUMN deactivated_at TEXT;
    ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE invitations (
      id TEXT PRIMARY KEY,
      token_hash TEXT NOT NULL UNIQUE,
      email TEXT NOT NULL,
      role TEXT NOT NULL,
      invited_by TEXT NOT NULL,
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      accepted_at TEXT,
      revoked_at TEXT,
      user_id TEXT
    );
    CREATE INDEX invitations_open ON invitations (expires_at) WHERE accepted_at IS NULL AND revoked_at IS NULL;
    CREATE TABLE workspace_settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) WITHOUT ROWID;`,
};
