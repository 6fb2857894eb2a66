import type { SqliteMigration } from '../migration.types.ts';

/**
 * Knowledge-base articles (localised texts and question variants as JSON), a
 * revision per workspace that search indexes compare against, and customers'
 * helpful / not helpful answers.
 */
export const KNOWLEDGE_BASE_MIGRATION: SqliteMigration = {
  version: 8,
  name: 'knowledge base',
  sql: `
    CREATE TABLE kb_articles (
      id TEXT PRIMARY KEY,
      workspace_id TEXT NOT NULL,
      title TEXT NOT NULL,
      questions TEXT NOT NULL,
      answer TEXT NOT NULL,
      tags TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX kb_articles_by_workspace ON kb_articles (workspace_id, id);
    CREATE TABLE kb_revisions (
      workspace_id TEXT PRIMARY KEY,
      revision INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE kb_feedback (
      id TEXT PRIMARY KEY,
      workspace_id TEXT NOT NULL,
      article_id TEXT NOT NULL,
      helpful INTEGER NOT NULL,
      request_id TEXT,
      execution_id TEXT,
      at TEXT NOT NULL
    );
    CREATE INDEX kb_feedback_by_article ON kb_feedback (workspace_id, article_id, at);`,
};
