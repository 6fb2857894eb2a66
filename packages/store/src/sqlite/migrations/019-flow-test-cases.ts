import type { SqliteMigration } from '../migration.types.ts';

/** Each flow's saved test cases, shared by the team and run at publish; one name per flow. */
export const FLOW_TEST_CASES_MIGRATION: SqliteMigration = {
  version: 19,
  name: 'flow test cases',
  sql: `
    CREATE TABLE flow_test_cases (
      id TEXT PRIMARY KEY,
      flow_id TEXT NOT NULL REFERENCES flows (id) ON DELETE CASCADE,
      workspace_id TEXT NOT NULL,
      name TEXT NOT NULL,
      sample TEXT NOT NULL,
      expected TEXT NOT NULL,
      created_by TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_by TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      seq INTEGER NOT NULL,
      UNIQUE (flow_id, name)
    );
    CREATE INDEX flow_test_cases_by_flow ON flow_test_cases (flow_id, seq);`,
};
