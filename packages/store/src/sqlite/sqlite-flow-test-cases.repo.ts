import type { FlowTestCase, FlowTestCaseRepository } from '../port/flow-test-case.types.ts';
import type { JsonObject } from '../port/json.types.ts';
import { normalizeIso } from '../shared/time.ts';
import { parseJson, type SqliteContext } from './sqlite-context.ts';

interface TestCaseRow {
  id: string;
  flow_id: string;
  workspace_id: string;
  name: string;
  sample: string;
  expected: string;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
}

const toTestCase = (row: TestCaseRow): FlowTestCase => ({
  id: row.id,
  flowId: row.flow_id,
  workspaceId: row.workspace_id,
  name: row.name,
  sample: parseJson<JsonObject>(row.sample),
  expected: parseJson<JsonObject>(row.expected),
  createdBy: row.created_by,
  createdAt: row.created_at,
  updatedBy: row.updated_by,
  updatedAt: row.updated_at,
});

export function createSqliteFlowTestCaseRepository(ctx: SqliteContext): FlowTestCaseRepository {
  const { statement, run, atomic } = ctx;
  const byName = (flowId: string, name: string) =>
    statement('SELECT * FROM flow_test_cases WHERE flow_id = ? AND name = ?').get(flowId, name) as
      | TestCaseRow
      | undefined;
  return {
    save(input) {
      return run(() =>
        atomic(() => {
          const now = normalizeIso(input.now);
          const sample = JSON.stringify(input.sample);
          const expected = JSON.stringify(input.expected);
          if (byName(input.flowId, input.name)) {
            statement(
              `UPDATE flow_test_cases SET sample = ?, expected = ?, updated_by = ?, updated_at = ?
               WHERE flow_id = ? AND name = ?`,
            ).run(sample, expected, input.savedBy, now, input.flowId, input.name);
          } else {
            // seq keeps the order cases were first saved in, even when two share a timestamp.
            statement(
              `INSERT INTO flow_test_cases
                 (id, flow_id, workspace_id, name, sample, expected, created_by, created_at, updated_by, updated_at, seq)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                 (SELECT COALESCE(MAX(seq), 0) + 1 FROM flow_test_cases WHERE flow_id = ?))`,
            ).run(
              input.id,
              input.flowId,
              input.workspaceId,
              input.name,
              sample,
              expected,
              input.savedBy,
              now,
              input.savedBy,
              now,
              input.flowId,
            );
          }
          return toTestCase(byName(input.flowId, input.name) as TestCaseRow);
        }),
      );
    },
    list(flowId) {
      return run(() =>
        (
          statement('SELECT * FROM flow_test_cases WHERE flow_id = ? ORDER BY seq').all(
            flowId,
          ) as TestCaseRow[]
        ).map(toTestCase),
      );
    },
    get(id) {
      return run(() => {
        const row = statement('SELECT * FROM flow_test_cases WHERE id = ?').get(id) as
          | TestCaseRow
          | undefined;
        return row ? toTestCase(row) : null;
      });
    },
    delete(id) {
      return run(() => statement('DELETE FROM flow_test_cases WHERE id = ?').run(id).changes > 0);
    },
  };
}
