import type { SqliteMigration } from '../migration.types.ts';

/** In-app messages, message templates and surveys (notifications and surveys of the desk). */
export const MIGRATION_007: SqliteMigration = {
  version: 7,
  name: 'notifications and surveys',
  sql: `
    CREATE TABLE in_app_messages (
      id TEXT PRIMARY KEY,
      workspace_id TEXT NOT NULL,
      recipient_kind TEXT NOT NULL,
      recipient_id TEXT NOT NULL,
      subject TEXT NOT NULL,
      body TEXT NOT NULL,
      idempotency_key TEXT UNIQUE,
      created_at TEXT NOT NULL,
      read_at TEXT
    );
    CREATE INDEX in_app_messages_by_recipient ON in_app_messages (recipient_kind, recipient_id, created_at);
    CREATE TABLE message_templates (
      id TEXT PRIMARY KEY,
      workspace_id TEXT NOT NULL,
      name TEXT NOT NULL,
      channel TEXT NOT NULL,
      subject TEXT NOT NULL,
      body TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX message_templates_by_workspace ON message_templates (workspace_id, name);
    CREATE TABLE surveys (
      id TEXT PRIMARY KEY,
      workspace_id TEXT NOT NULL,
      token_hash TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL,
      ticket_id TEXT,
      customer_id TEXT,
      execution_id TEXT,
      channel TEXT NOT NULL,
      locale TEXT NOT NULL,
      question TEXT NOT NULL,
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      answered_at TEXT,
      score INTEGER,
      comment TEXT
    );
    CREATE INDEX surveys_by_ticket ON surveys (ticket_id);`,
};
