import type { SqliteMigration } from '../migration.types.ts';

/** The service desk: customers and their identities, tickets with history and notes, teams, agents, SLA policies. */
export const MIGRATION_006: SqliteMigration = {
  version: 6,
  name: 'service desk: customers, tickets, teams, agents, sla policies',
  sql: `
    CREATE TABLE customers (
      id TEXT PRIMARY KEY,
      workspace_id TEXT NOT NULL,
      name TEXT,
      tags TEXT NOT NULL,
      vip_level INTEGER NOT NULL,
      request_count INTEGER NOT NULL,
      complaint_count INTEGER NOT NULL,
      last_contact_at TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE TABLE customer_identities (
      workspace_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      value TEXT NOT NULL,
      customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
      added_at TEXT NOT NULL,
      seq INTEGER NOT NULL,
      PRIMARY KEY (workspace_id, kind, value)
    ) WITHOUT ROWID;
    CREATE INDEX customer_identities_by_customer ON customer_identities (customer_id, seq);
    CREATE TABLE tickets (
      id TEXT PRIMARY KEY,
      number TEXT NOT NULL UNIQUE,
      workspace_id TEXT NOT NULL,
      title TEXT NOT NULL,
      description TEXT NOT NULL,
      channel TEXT NOT NULL,
      category TEXT,
      priority TEXT NOT NULL,
      priority_rank INTEGER NOT NULL,
      status TEXT NOT NULL,
      team TEXT,
      assignee TEXT,
      customer_id TEXT,
      vip_level INTEGER NOT NULL,
      custom_fields TEXT NOT NULL,
      tags TEXT NOT NULL,
      solution TEXT,
      sla_policy_id TEXT,
      first_response_due_at TEXT,
      resolution_due_at TEXT,
      first_responded_at TEXT,
      paused_at TEXT,
      paused_ms INTEGER NOT NULL,
      sla_state TEXT NOT NULL,
      sla_revision INTEGER NOT NULL,
      created_by_key TEXT UNIQUE,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      resolved_at TEXT,
      closed_at TEXT
    );
    CREATE INDEX tickets_queue ON tickets (team, status, vip_level DESC, priority_rank, created_at);
    CREATE INDEX tickets_by_assignee ON tickets (assignee, status);
    CREATE INDEX tickets_by_customer ON tickets (customer_id, created_at);
    CREATE INDEX tickets_by_created ON tickets (workspace_id, created_at);
    CREATE INDEX tickets_open_due ON tickets (resolution_due_at) WHERE status NOT IN ('resolved', 'closed');
    CREATE TABLE ticket_history (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      ticket_id TEXT NOT NULL,
      at TEXT NOT NULL,
      actor_kind TEXT NOT NULL,
      actor_id TEXT NOT NULL,
      field TEXT NOT NULL,
      from_value TEXT NOT NULL,
      to_value TEXT NOT NULL,
      note TEXT
    );
    CREATE INDEX ticket_history_by_ticket ON ticket_history (ticket_id, seq);
    CREATE TABLE ticket_notes (
      id TEXT PRIMARY KEY,
      ticket_id TEXT NOT NULL,
      author_kind TEXT NOT NULL,
      author_id TEXT NOT NULL,
      body TEXT NOT NULL,
      at TEXT NOT NULL
    );
    CREATE INDEX ticket_notes_by_ticket ON ticket_notes (ticket_id, at);
    CREATE TABLE teams (
      id TEXT PRIMARY KEY,
      workspace_id TEXT NOT NULL,
      name TEXT NOT NULL,
      skills TEXT NOT NULL,
      calendar TEXT,
      supervisor_queue TEXT
    );
    CREATE TABLE agents (
      id TEXT PRIMARY KEY,
      workspace_id TEXT NOT NULL,
      user_id TEXT,
      name TEXT NOT NULL,
      teams TEXT NOT NULL,
      skills TEXT NOT NULL,
      capacity INTEGER NOT NULL,
      online INTEGER NOT NULL,
      active_count INTEGER NOT NULL,
      last_assigned_at TEXT
    );
    CREATE TABLE sla_policies (
      id TEXT PRIMARY KEY,
      workspace_id TEXT NOT NULL,
      name TEXT NOT NULL,
      match TEXT NOT NULL,
      first_response_minutes INTEGER NOT NULL,
      resolution_minutes INTEGER NOT NULL,
      warn_at_share REAL NOT NULL,
      sort_order INTEGER NOT NULL
    );`,
};
