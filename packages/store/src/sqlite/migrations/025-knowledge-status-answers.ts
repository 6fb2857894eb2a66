import type { SqliteMigration } from '../migration.types.ts';

/**
 * Knowledge-base articles get a status: drafts are for editors only. Articles
 * written before answered customers already, so they stay published. Each use
 * of an article (a flow's answer to a request, an agent's inserted suggestion)
 * is one row of kb_answers.
 */
export const KNOWLEDGE_STATUS_ANSWERS_MIGRATION: SqliteMigration = {
  version: 25,
  name: 'knowledge article status, article answers',
  sql: `
    ALTER TABLE kb_articles ADD COLUMN status TEXT NOT NULL DEFAULT 'published';
    CREATE TABLE kb_answers (
      id TEXT PRIMARY KEY,
      workspace_id TEXT NOT NULL,
      article_id TEXT NOT NULL,
      source TEXT NOT NULL,
      execution_id TEXT,
      request_id TEXT,
      ticket_id TEXT,
      agent_id TEXT,
      locale TEXT NOT NULL,
      at TEXT NOT NULL
    );
    CREATE INDEX kb_answers_by_article ON kb_answers (workspace_id, article_id, at);`,
};
