import type { SqliteMigration } from '../migration.types.ts';

/**
 * Approval requests made by "Ask for approval" steps (one per execution and
 * wait), and the ticket an in-app message is about, so the inbox links to it.
 */
export const APPROVALS_INBOX_MIGRATION: SqliteMigration = {
  version: 24,
  name: 'approval requests, in-app message ticket',
  sql: `
    CREATE TABLE approval_requests (
      id TEXT PRIMARY KEY,
      workspace_id TEXT NOT NULL,
      execution_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      flow_id TEXT NOT NULL,
      version INTEGER NOT NULL,
      node_id TEXT NOT NULL,
      ticket_id TEXT,
      ticket_number TEXT,
      decider_kind TEXT NOT NULL,
      decider_team TEXT,
      question TEXT NOT NULL,
      facts TEXT NOT NULL,
      status TEXT NOT NULL,
      created_at TEXT NOT NULL,
      timeout_at TEXT,
      decided_by TEXT,
      decided_at TEXT,
      note TEXT NOT NULL DEFAULT '',
      UNIQUE (execution_id, seq)
    );
    CREATE INDEX approval_requests_pending ON approval_requests (workspace_id, decider_team, created_at)
      WHERE status = 'pending';
    ALTER TABLE in_app_messages ADD COLUMN ticket_id TEXT;`,
};
