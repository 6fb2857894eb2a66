import type { SqliteMigration } from '../migration.types.ts';

/**
 * Anomalies the hourly detector found, one per workspace, series and hour (the
 * unique key makes a re-run or a second replica store nothing new), and an
 * index on tickets by resolution due time: the SLA-breach share of an hour
 * reads the tickets that fell due in it. Hourly volumes need no rollup table:
 * the detector reads K + 1 single hours by the creation-time index of
 * migration 6, so intake writes nothing extra.
 */
export const ANOMALIES_MIGRATION: SqliteMigration = {
  version: 30,
  name: 'anomalies and tickets by resolution due time',
  sql: `
    CREATE TABLE anomalies (
      id TEXT PRIMARY KEY,
      workspace_id TEXT NOT NULL,
      series_kind TEXT NOT NULL,
      series_key TEXT NOT NULL,
      hour TEXT NOT NULL,
      value REAL NOT NULL,
      baseline REAL NOT NULL,
      score REAL NOT NULL,
      volume INTEGER NOT NULL,
      status TEXT NOT NULL,
      detected_at TEXT NOT NULL,
      acked_by TEXT,
      acked_at TEXT
    );
    CREATE UNIQUE INDEX anomalies_once ON anomalies (workspace_id, series_kind, series_key, hour);
    CREATE INDEX anomalies_by_hour ON anomalies (workspace_id, hour DESC, score DESC);
    CREATE INDEX tickets_by_resolution_due ON tickets (workspace_id, resolution_due_at);`,
};
