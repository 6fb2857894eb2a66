import type { SqliteMigration } from '../migration.types.ts';

/**
 * Survey results and the quality-review queue read answered surveys by the time
 * of the answer, newest first; a low score's review (who, when, the note) is
 * kept on the survey, so "reviewed once" is one conditional update.
 */
export const SURVEY_REVIEW_MIGRATION: SqliteMigration = {
  version: 26,
  name: 'survey answers by time, quality review',
  sql: `
    ALTER TABLE surveys ADD COLUMN reviewed_at TEXT;
    ALTER TABLE surveys ADD COLUMN reviewed_by TEXT;
    ALTER TABLE surveys ADD COLUMN review_note TEXT;
    CREATE INDEX surveys_by_answered ON surveys (workspace_id, answered_at, id)
      WHERE answered_at IS NOT NULL;`,
};
