import type { SqliteMigration } from '../migration.types.ts';

/**
 * Channel settings per workspace, and conversations with their messages. The
 * conversation keeps its last seq so a message's seq is given in the same
 * statement that appends it.
 */
export const CHANNELS_MIGRATION: SqliteMigration = {
  version: 10,
  name: 'channels and conversations',
  sql: `
    CREATE TABLE channel_settings (
      workspace_id TEXT NOT NULL,
      channel TEXT NOT NULL,
      enabled INTEGER NOT NULL,
      settings TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (workspace_id, channel)
    );
    CREATE TABLE conversations (
      id TEXT PRIMARY KEY,
      workspace_id TEXT NOT NULL,
      channel TEXT NOT NULL,
      customer_key TEXT,
      ticket_id TEXT,
      token_hash TEXT,
      last_seq INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX conversations_by_ticket ON conversations (ticket_id, updated_at);
    CREATE INDEX conversations_by_customer ON conversations (workspace_id, channel, customer_key, updated_at);
    CREATE TABLE conversation_messages (
      id TEXT PRIMARY KEY,
      conversation_id TEXT NOT NULL REFERENCES conversations (id),
      seq INTEGER NOT NULL,
      direction TEXT NOT NULL,
      author TEXT NOT NULL,
      body TEXT NOT NULL,
      external_id TEXT,
      workspace_id TEXT NOT NULL,
      channel TEXT NOT NULL,
      created_at TEXT NOT NULL,
      UNIQUE (conversation_id, seq)
    );
    CREATE INDEX conversation_messages_by_external_id
      ON conversation_messages (workspace_id, channel, external_id) WHERE external_id IS NOT NULL;`,
};
