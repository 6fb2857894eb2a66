import type Database from 'better-sqlite3';
import { phoneDigits } from '../shared/execution-search-keys.ts';
import type { SqliteMigration } from './migration.types.ts';
import { MIGRATION_006 } from './migrations/006-service-desk.ts';
import { MIGRATION_007 } from './migrations/007-notifications-surveys.ts';
import { KNOWLEDGE_BASE_MIGRATION } from './migrations/008-knowledge-base.ts';
import { CLASSIFIER_CORRECTIONS_MIGRATION } from './migrations/009-classifier-corrections.ts';
import { CHANNELS_MIGRATION } from './migrations/010-channels.ts';
import { WAIT_SUBSCRIPTIONS_MIGRATION } from './migrations/011-wait-subscriptions.ts';
import { CUSTOMER_LOCALE_MIGRATION } from './migrations/012-customer-locale.ts';
import { RATE_LIMITS_MIGRATION } from './migrations/013-rate-limits.ts';
import { AUDIT_LOG_MIGRATION } from './migrations/014-audit-log.ts';
import { PROGRESS_LINK_REVOCATIONS_MIGRATION } from './migrations/015-progress-link-revocations.ts';
import { INCIDENT_CODES_MIGRATION } from './migrations/016-incident-codes.ts';
import { FLOW_ACTIVATION_MIGRATION } from './migrations/017-flow-activation.ts';
import { EXECUTION_SEARCH_MIGRATION } from './migrations/018-execution-search.ts';
import { FLOW_TEST_CASES_MIGRATION } from './migrations/019-flow-test-cases.ts';
import { FLOW_LOCALIZED_NAME_MIGRATION } from './migrations/020-flow-localized-name.ts';
import { PHONE_DIGITS_MIGRATION, PHONE_DIGITS_SQL_FUNCTION } from './migrations/021-phone-digits.ts';
import { PEOPLE_MIGRATION } from './migrations/022-people.ts';
import { SLA_POLICY_CALENDAR_MIGRATION } from './migrations/023-sla-policy-calendar.ts';
import { APPROVALS_INBOX_MIGRATION } from './migrations/024-approvals-inbox.ts';
import { KNOWLEDGE_STATUS_ANSWERS_MIGRATION } from './migrations/025-knowledge-status-answers.ts';
import { SURVEY_REVIEW_MIGRATION } from './migrations/026-survey-review.ts';
import { TICKET_WORKLOAD_MIGRATION } from './migrations/027-ticket-workload.ts';
import { ANALYTICS_PERIOD_MIGRATION } from './migrations/028-analytics-period.ts';
import { SHADOW_REPORTS_MIGRATION } from './migrations/029-shadow-reports.ts';
import { ANOMALIES_MIGRATION } from './migrations/030-anomalies.ts';
import { FLOW_ANALYTICS_ROLLUP_MIGRATION } from './migrations/031-flow-analytics-rollup.ts';
import { KPI_ROLLUPS_MIGRATION } from './migrations/032-kpi-rollups.ts';
import { TIMERS_RETENTION_MIGRATION } from './migrations/034-timers-retention.ts';
import { KPI_CALENDAR_MARKS_MIGRATION } from './migrations/036-kpi-calendar-marks.ts';
import { SHADOW_RUNS_MIGRATION } from './migrations/038-shadow-runs.ts';
import { KPI_MONTH_ROWS_MIGRATION } from './migrations/039-kpi-month-rows.ts';
import { TICKETS_BY_STATUS_MIGRATION } from './migrations/040-tickets-by-status.ts';
import { EXECUTION_CONTACT_INDEX_MIGRATION } from './migrations/041-execution-contact-index.ts';
import { CUSTOMER_SEARCH_INDEXES_MIGRATION } from './migrations/042-customer-search-indexes.ts';
import { TICKETS_UNASSIGNED_MIGRATION } from './migrations/043-tickets-unassigned.ts';
import { KPI_KEY_INDEXES_MIGRATION } from './migrations/044-kpi-key-indexes.ts';
import { KPI_BACKLOG_KEYS_MIGRATION } from './migrations/045-kpi-backlog-keys.ts';
import { KPI_MARKS_FROM_REPOSITORY_MIGRATION } from './migrations/046-kpi-marks-from-repository.ts';
import { EXECUTION_NAME_BY_LENGTH_MIGRATION } from './migrations/047-execution-name-by-length.ts';
import { DROP_JOBS_BY_STATUS_MIGRATION } from './migrations/048-drop-jobs-by-status.ts';
import { PRUNED_STEPS_MARKED_MIGRATION } from './migrations/049-pruned-steps-marked.ts';

/**
 * Numbered schema changes, applied in order at open and recorded in
 * schema_migrations. Never edit a released migration: add the next number.
 * Times are ISO-8601 UTC text except job times, which are epoch milliseconds
 * because lease checks compute with them. Documents are JSON text.
 */
export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    name: 'flows and versions',
    sql: `
      CREATE TABLE flows (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        draft TEXT NOT NULL,
        draft_revision INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        archived_at TEXT
      );
      CREATE INDEX flows_by_workspace ON flows (workspace_id, updated_at);
      CREATE TABLE flow_versions (
        flow_id TEXT NOT NULL REFERENCES flows (id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        graph TEXT NOT NULL,
        note TEXT NOT NULL,
        author TEXT NOT NULL,
        published_at TEXT NOT NULL,
        PRIMARY KEY (flow_id, version)
      ) WITHOUT ROWID;`,
  },
  {
    version: 2,
    name: 'executions and steps',
    sql: `
      CREATE TABLE executions (
        id TEXT PRIMARY KEY,
        flow_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        status TEXT NOT NULL,
        current_node_id TEXT,
        state TEXT NOT NULL,
        revision INTEGER NOT NULL,
        started_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        finished_at TEXT
      );
      CREATE INDEX executions_by_started ON executions (started_at, id);
      CREATE INDEX executions_by_flow ON executions (flow_id, started_at, id);
      CREATE INDEX executions_by_status ON executions (status, flow_id, version);
      CREATE TABLE execution_steps (
        execution_id TEXT NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        node_id TEXT NOT NULL,
        node_type TEXT NOT NULL,
        visit INTEGER NOT NULL,
        input TEXT NOT NULL,
        output TEXT NOT NULL,
        port TEXT,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        error TEXT,
        PRIMARY KEY (execution_id, seq)
      ) WITHOUT ROWID;`,
  },
  {
    version: 3,
    name: 'jobs',
    sql: `
      CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        run_at INTEGER NOT NULL,
        payload TEXT NOT NULL,
        idempotency_key TEXT UNIQUE,
        attempts INTEGER NOT NULL DEFAULT 0,
        max_attempts INTEGER NOT NULL,
        leased_by TEXT,
        lease_token TEXT,
        lease_expires_at INTEGER,
        last_error TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        finished_at TEXT
      );
      CREATE INDEX jobs_due ON jobs (run_at) WHERE status IN ('pending', 'running');
      CREATE INDEX jobs_by_status ON jobs (status, run_at);`,
  },
  {
    version: 4,
    name: 'idempotency keys and counters',
    sql: `
      CREATE TABLE idempotency_keys (
        scope TEXT NOT NULL,
        key TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        response TEXT,
        created_at TEXT NOT NULL,
        completed_at TEXT,
        PRIMARY KEY (scope, key)
      ) WITHOUT ROWID;
      CREATE INDEX idempotency_keys_by_created ON idempotency_keys (created_at);
      CREATE TABLE counters (
        name TEXT PRIMARY KEY,
        value INTEGER NOT NULL
      ) WITHOUT ROWID;`,
  },
  {
    version: 5,
    name: 'users, sessions and api keys',
    sql: `
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL,
        email_key TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        locale TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX sessions_by_user ON sessions (user_id);
      CREATE INDEX sessions_by_expiry ON sessions (expires_at);
      CREATE TABLE api_keys (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        key_hash TEXT NOT NULL UNIQUE,
        prefix TEXT NOT NULL,
        role TEXT NOT NULL,
        scopes TEXT NOT NULL,
        created_at TEXT NOT NULL,
        revoked_at TEXT
      );`,
  },
  MIGRATION_006,
  MIGRATION_007,
  KNOWLEDGE_BASE_MIGRATION,
  CLASSIFIER_CORRECTIONS_MIGRATION,
  CHANNELS_MIGRATION,
  WAIT_SUBSCRIPTIONS_MIGRATION,
  CUSTOMER_LOCALE_MIGRATION,
  RATE_LIMITS_MIGRATION,
  AUDIT_LOG_MIGRATION,
  PROGRESS_LINK_REVOCATIONS_MIGRATION,
  INCIDENT_CODES_MIGRATION,
  FLOW_ACTIVATION_MIGRATION,
  EXECUTION_SEARCH_MIGRATION,
  FLOW_TEST_CASES_MIGRATION,
  FLOW_LOCALIZED_NAME_MIGRATION,
  PHONE_DIGITS_MIGRATION,
  PEOPLE_MIGRATION,
  SLA_POLICY_CALENDAR_MIGRATION,
  APPROVALS_INBOX_MIGRATION,
  KNOWLEDGE_STATUS_ANSWERS_MIGRATION,
  SURVEY_REVIEW_MIGRATION,
  TICKET_WORKLOAD_MIGRATION,
  ANALYTICS_PERIOD_MIGRATION,
  SHADOW_REPORTS_MIGRATION,
  ANOMALIES_MIGRATION,
  FLOW_ANALYTICS_ROLLUP_MIGRATION,
  KPI_ROLLUPS_MIGRATION,
  TIMERS_RETENTION_MIGRATION,
  KPI_CALENDAR_MARKS_MIGRATION,
  SHADOW_RUNS_MIGRATION,
  KPI_MONTH_ROWS_MIGRATION,
  TICKETS_BY_STATUS_MIGRATION,
  EXECUTION_CONTACT_INDEX_MIGRATION,
  CUSTOMER_SEARCH_INDEXES_MIGRATION,
  TICKETS_UNASSIGNED_MIGRATION,
  KPI_KEY_INDEXES_MIGRATION,
  KPI_BACKLOG_KEYS_MIGRATION,
  KPI_MARKS_FROM_REPOSITORY_MIGRATION,
  EXECUTION_NAME_BY_LENGTH_MIGRATION,
  DROP_JOBS_BY_STATUS_MIGRATION,
  PRUNED_STEPS_MARKED_MIGRATION,
];

/**
 * Applies the missing migrations inside one IMMEDIATE transaction, so two
 * processes opening the same new file do not both create the tables.
 */
export function applyMigrations(db: Database.Database, migrations = SQLITE_MIGRATIONS): number[] {
  // Migrations that recompute a value the store computes in TypeScript call that very function.
  db.function(PHONE_DIGITS_SQL_FUNCTION, { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? phoneDigits(value) : value,
  );
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const applyAll = db.transaction(() => {
    const rows = db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>;
    const done = new Set(rows.map((row) => row.version));
    const applied: number[] = [];
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
      applied.push(migration.version);
    }
    return applied;
  });
  return applyAll.immediate();
}
