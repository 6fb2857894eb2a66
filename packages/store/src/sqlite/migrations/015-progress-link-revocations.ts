import type { SqliteMigration } from '../migration.types.ts';

/** Per ticket, the time before which its progress links are refused (one row per revoked ticket). */
export const PROGRESS_LINK_REVOCATIONS_MIGRATION: SqliteMigration = {
  version: 15,
  name: 'progress link revocations',
  sql: `
    CREATE TABLE progress_link_revocations (
      ticket_id TEXT PRIMARY KEY,
      revoked_before TEXT NOT NULL
    ) WITHOUT ROWID;`,
};
