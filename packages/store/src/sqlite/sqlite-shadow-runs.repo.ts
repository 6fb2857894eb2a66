import type { JsonObject } from '../port/json.types.ts';
import type {
  ShadowRunRecord,
  ShadowRunRepository,
  ShadowRunStatus,
  StartShadowRunInput,
} from '../port/shadow-run.types.ts';
import { normalizeIso } from '../shared/time.ts';
import {
  parseJson,
  parseNullableJson,
  readThenWrite,
  type SqliteContext,
  translateConstraint,
} from './sqlite-context.ts';

interface ShadowRunRow {
  id: string;
  workspace_id: string;
  flow_id: string;
  status: ShadowRunStatus;
  done: number;
  total: number;
  live_version: number;
  draft_revision: number;
  draft_hash: string;
  selection: string;
  requested_by: string;
  started_at: string;
  heartbeat_at: string;
  ended_at: string | null;
  cancel_requested: number;
  error: string | null;
}

const toRecord = (row: ShadowRunRow): ShadowRunRecord => ({
  id: row.id,
  workspaceId: row.workspace_id,
  flowId: row.flow_id,
  status: row.status,
  done: row.done,
  total: row.total,
  liveVersion: row.live_version,
  draftRevision: row.draft_revision,
  draftHash: row.draft_hash,
  selection: parseJson<JsonObject>(row.selection),
  requestedBy: row.requested_by,
  startedAt: row.started_at,
  heartbeatAt: row.heartbeat_at,
  endedAt: row.ended_at,
  cancelRequested: row.cancel_requested === 1,
  error: parseNullableJson<JsonObject>(row.error),
});

const INTERRUPT_STALE = `UPDATE shadow_runs SET status = 'interrupted', ended_at = ?
  WHERE status = 'running' AND heartbeat_at < ?`;

export function createSqliteShadowRunRepository(ctx: SqliteContext): ShadowRunRepository {
  const { statement, run } = ctx;
  const byId = (id: string) =>
    statement('SELECT * FROM shadow_runs WHERE id = ?').get(id) as ShadowRunRow | undefined;
  const runningOf = (workspaceId: string) =>
    statement("SELECT * FROM shadow_runs WHERE workspace_id = ? AND status = 'running'").get(workspaceId) as
      | ShadowRunRow
      | undefined;
  const insert = (input: StartShadowRunInput) => {
    const startedAt = normalizeIso(input.startedAt);
    statement(
      `INSERT INTO shadow_runs
         (id, workspace_id, flow_id, status, done, total, live_version, draft_revision, draft_hash,
          selection, requested_by, started_at, heartbeat_at, ended_at, cancel_requested, error)
       VALUES (?, ?, ?, 'running', 0, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 0, NULL)`,
    ).run(
      input.id,
      input.workspaceId,
      input.flowId,
      input.total,
      input.liveVersion,
      input.draftRevision,
      input.draftHash,
      JSON.stringify(input.selection),
      input.requestedBy,
      startedAt,
      startedAt,
    );
  };
  return {
    start(input, staleBefore) {
      return run(() =>
        // One unit under the write lock: the stale run ended, the check and the insert see the same state.
        ctx.atomic(() => {
          statement(`${INTERRUPT_STALE} AND workspace_id = ?`).run(
            normalizeIso(input.startedAt),
            normalizeIso(staleBefore),
            input.workspaceId,
          );
          const running = runningOf(input.workspaceId);
          if (running) return { started: false as const, running: toRecord(running) };
          try {
            insert(input);
          } catch (error) {
            translateConstraint(error, `Shadow run ${input.id}`);
          }
          return { started: true as const, run: toRecord(byId(input.id) as ShadowRunRow) };
        }),
      );
    },
    get(id) {
      return run(() => {
        const row = byId(id);
        return row ? toRecord(row) : null;
      });
    },
    heartbeat(id, done, at) {
      return run(() => {
        const row = statement(
          `UPDATE shadow_runs SET done = ?, heartbeat_at = ? WHERE id = ? AND status = 'running'
           RETURNING cancel_requested`,
        ).get(done, normalizeIso(at), id) as { cancel_requested: number } | undefined;
        return row ? { cancelRequested: row.cancel_requested === 1 } : null;
      });
    },
    requestCancel(id) {
      return run(() =>
        readThenWrite(ctx, () => {
          statement("UPDATE shadow_runs SET cancel_requested = 1 WHERE id = ? AND status = 'running'").run(
            id,
          );
          const row = byId(id);
          return row ? toRecord(row) : null;
        }),
      );
    },
    end(id, input) {
      return run(
        () =>
          statement(
            `UPDATE shadow_runs SET status = ?, done = ?, ended_at = ?, error = ?
             WHERE id = ? AND status = 'running'`,
          ).run(
            input.status,
            input.done,
            normalizeIso(input.at),
            input.error ? JSON.stringify(input.error) : null,
            id,
          ).changes > 0,
      );
    },
    interruptStale(staleBefore, at, ids) {
      return run(() => {
        const params = [normalizeIso(at), normalizeIso(staleBefore)];
        if (ids === undefined) return statement(INTERRUPT_STALE).run(...params).changes;
        return statement(`${INTERRUPT_STALE} AND id IN (SELECT value FROM json_each(?))`).run(
          ...params,
          JSON.stringify(ids),
        ).changes;
      });
    },
  };
}
