import type { SqliteMigration } from '../migration.types.ts';

/**
 * The audit log. Listed newest first with filters on action and actor, and
 * purged by time, so each of those has an index ending in (at, id).
 */
export const AUDIT_LOG_MIGRATION: SqliteMigration = {
  version: 14,
  name: 'audit log',
  sql: `
    CREATE TABLE audit_log (
      id TEXT PRIMARY KEY,
      at TEXT NOT NULL,
      actor_kind TEXT NOT NULL,
      actor_id TEXT NOT NULL,
      actor_label TEXT,
      action TEXT NOT NULL,
      target TEXT,
      ip TEXT,
      outcome TEXT NOT NULL,
      details TEXT NOT NULL
    );
    CREATE INDEX audit_log_by_time ON audit_log (at, id);
    CREATE INDEX audit_log_by_action ON audit_log (action, at, id);
    CREATE INDEX audit_log_by_actor ON audit_log (actor_id, at, id);`,
};
