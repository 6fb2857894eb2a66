import type { JsonObject } from '../port/json.types.ts';
import type {
  CreateShadowReportInput,
  ShadowReportRecord,
  ShadowReportRepository,
} from '../port/shadow-report.types.ts';
import { normalizeIso } from '../shared/time.ts';
import { parseJson, type SqliteContext, translateConstraint } from './sqlite-context.ts';

interface ShadowReportRow {
  id: string;
  flow_id: string;
  workspace_id: string;
  live_version: number;
  draft_revision: number;
  report: string;
  created_by: string;
  created_at: string;
  published_version: number | null;
}

const toRecord = (row: ShadowReportRow): ShadowReportRecord => ({
  id: row.id,
  flowId: row.flow_id,
  workspaceId: row.workspace_id,
  liveVersion: row.live_version,
  draftRevision: row.draft_revision,
  report: parseJson<JsonObject>(row.report),
  createdBy: row.created_by,
  createdAt: row.created_at,
  publishedVersion: row.published_version,
});

export function createSqliteShadowReportRepository(ctx: SqliteContext): ShadowReportRepository {
  const { statement, run } = ctx;
  const byId = (id: string) =>
    statement('SELECT * FROM shadow_reports WHERE id = ?').get(id) as ShadowReportRow | undefined;
  const insert = (input: CreateShadowReportInput) =>
    statement(
      `INSERT INTO shadow_reports
         (id, flow_id, workspace_id, live_version, draft_revision, report, created_by, created_at, published_version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
    ).run(
      input.id,
      input.flowId,
      input.workspaceId,
      input.liveVersion,
      input.draftRevision,
      JSON.stringify(input.report),
      input.createdBy,
      normalizeIso(input.createdAt),
    );
  return {
    create(input) {
      return run(() => {
        try {
          insert(input);
        } catch (error) {
          translateConstraint(error, `Shadow report ${input.id}`);
        }
        return toRecord(byId(input.id) as ShadowReportRow);
      });
    },
    get(id) {
      return run(() => {
        const row = byId(id);
        return row ? toRecord(row) : null;
      });
    },
    attachToVersion(id, version) {
      return run(
        () =>
          statement(
            'UPDATE shadow_reports SET published_version = ? WHERE id = ? AND published_version IS NULL',
          ).run(version, id).changes > 0,
      );
    },
    forVersion(flowId, version) {
      return run(() => {
        const row = statement(
          'SELECT * FROM shadow_reports WHERE flow_id = ? AND published_version = ? ORDER BY created_at DESC, id LIMIT 1',
        ).get(flowId, version) as ShadowReportRow | undefined;
        return row ? toRecord(row) : null;
      });
    },
  };
}
