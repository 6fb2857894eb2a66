import type {
  ExecutionQuery,
  ExecutionRecord,
  ExecutionRepository,
  ExecutionStatus,
  ExecutionStep,
  ExecutionSummary,
} from '../port/execution.types.ts';
import { ACTIVE_EXECUTION_STATUSES } from '../port/execution.types.ts';
import type { JsonObject, JsonValue } from '../port/json.types.ts';
import { decodeExecutionCursor, encodeExecutionCursor } from '../shared/execution-cursor.ts';
import { executionPageSize } from '../shared/page-size.ts';
import { normalizeIso } from '../shared/time.ts';
import {
  insertRows,
  parseJson,
  parseNullableJson,
  type SqliteContext,
  translateConstraint,
} from './sqlite-context.ts';

interface ExecutionRow {
  id: string;
  flow_id: string;
  version: number;
  status: ExecutionStatus;
  current_node_id: string | null;
  revision: number;
  started_at: string;
  updated_at: string;
  finished_at: string | null;
  state?: string;
}

interface StepRow {
  seq: number;
  node_id: string;
  node_type: string;
  visit: number;
  input: string;
  output: string;
  port: string | null;
  started_at: string;
  finished_at: string;
  error: string | null;
}

const STEP_COLUMNS = [
  'execution_id',
  'seq',
  'node_id',
  'node_type',
  'visit',
  'input',
  'output',
  'port',
  'started_at',
  'finished_at',
  'error',
] as const;

const SUMMARY_COLUMNS =
  'id, flow_id, version, status, current_node_id, revision, started_at, updated_at, finished_at';

function toSummary(row: ExecutionRow): ExecutionSummary {
  return {
    id: row.id,
    flowId: row.flow_id,
    version: row.version,
    status: row.status,
    currentNodeId: row.current_node_id,
    revision: row.revision,
    startedAt: row.started_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

function toRecord(row: ExecutionRow): ExecutionRecord {
  return { ...toSummary(row), state: parseJson<JsonObject>(row.state ?? '{}') };
}

function toStep(row: StepRow): ExecutionStep {
  return {
    seq: row.seq,
    nodeId: row.node_id,
    nodeType: row.node_type,
    visit: row.visit,
    input: parseJson<JsonValue>(row.input),
    output: parseJson<JsonValue>(row.output),
    port: row.port,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    error: parseNullableJson<JsonObject>(row.error),
  };
}

/** Builds the WHERE clause for a page; the SQL text depends only on which filters are set, so it caches well. */
function buildListQuery(query: ExecutionQuery): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.flowId !== undefined) {
    where.push('flow_id = ?');
    params.push(query.flowId);
  }
  if (query.version !== undefined) {
    where.push('version = ?');
    params.push(query.version);
  }
  if (query.status !== undefined) {
    const statuses = typeof query.status === 'string' ? [query.status] : [...query.status];
    where.push('status IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(statuses));
  }
  if (query.startedAfter !== undefined) {
    where.push('started_at >= ?');
    params.push(normalizeIso(query.startedAfter));
  }
  if (query.startedBefore !== undefined) {
    where.push('started_at < ?');
    params.push(normalizeIso(query.startedBefore));
  }
  if (query.cursor) {
    const cursor = decodeExecutionCursor(query.cursor);
    where.push('(started_at < ? OR (started_at = ? AND id < ?))');
    params.push(cursor.startedAt, cursor.startedAt, cursor.id);
  }
  const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  return {
    sql: `SELECT ${SUMMARY_COLUMNS} FROM executions ${whereSql} ORDER BY started_at DESC, id DESC LIMIT ?`,
    params,
  };
}

export function createSqliteExecutionRepository(ctx: SqliteContext): ExecutionRepository {
  const { statement, run } = ctx;

  return {
    create: (input) =>
      run(() => {
        const summary: ExecutionSummary = {
          id: input.id,
          flowId: input.flowId,
          version: input.version,
          status: input.status,
          currentNodeId: input.currentNodeId ?? null,
          revision: 1,
          startedAt: normalizeIso(input.startedAt),
          updatedAt: normalizeIso(input.updatedAt ?? input.startedAt),
          finishedAt: input.finishedAt ? normalizeIso(input.finishedAt) : null,
        };
        const state = JSON.stringify(input.state);
        try {
          statement(
            `INSERT INTO executions (id, flow_id, version, status, current_node_id, state, revision,
               started_at, updated_at, finished_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(
            summary.id,
            summary.flowId,
            summary.version,
            summary.status,
            summary.currentNodeId,
            state,
            summary.revision,
            summary.startedAt,
            summary.updatedAt,
            summary.finishedAt,
          );
        } catch (error) {
          return translateConstraint(error, `Execution ${input.id}`);
        }
        // The stored document is the caller's state as JSON; parsing it back only to return it cost a profile line.
        return { ...summary, state: input.state };
      }),

    get: (id) =>
      run(() => {
        const row = statement('SELECT * FROM executions WHERE id = ?').get(id) as ExecutionRow | undefined;
        return row ? toRecord(row) : null;
      }),

    list: (query = {}) =>
      run(() => {
        const limit = executionPageSize(query.limit);
        const { sql, params } = buildListQuery(query);
        // One extra row tells whether another page exists without a COUNT.
        const rows = statement(sql).all(...params, limit + 1) as ExecutionRow[];
        const items = rows.slice(0, limit).map(toSummary);
        const last = items.at(-1);
        const nextCursor =
          rows.length > limit && last
            ? encodeExecutionCursor({ startedAt: last.startedAt, id: last.id })
            : null;
        return { items, nextCursor };
      }),

    save: (id, input, expectedRevision) =>
      run(() => {
        const updated = statement(
          `UPDATE executions SET state = ?, status = ?, current_node_id = ?, updated_at = ?,
             finished_at = ?, revision = revision + 1
           WHERE id = ? AND revision = ? RETURNING revision`,
        ).get(
          JSON.stringify(input.state),
          input.status,
          input.currentNodeId,
          normalizeIso(input.updatedAt),
          input.finishedAt ? normalizeIso(input.finishedAt) : null,
          id,
          expectedRevision,
        ) as { revision: number } | undefined;
        if (updated) return { ok: true as const, revision: updated.revision };
        const current = statement('SELECT revision FROM executions WHERE id = ?').get(id) as
          | { revision: number }
          | undefined;
        if (!current) return { ok: false as const, reason: 'not_found' as const };
        return {
          ok: false as const,
          reason: 'revision_conflict' as const,
          currentRevision: current.revision,
        };
      }),

    appendSteps: (id, steps) =>
      run(() => {
        try {
          insertRows(
            ctx,
            'execution_steps',
            STEP_COLUMNS,
            steps.map((step) => [
              id,
              step.seq,
              step.nodeId,
              step.nodeType,
              step.visit,
              JSON.stringify(step.input),
              JSON.stringify(step.output),
              step.port,
              normalizeIso(step.startedAt),
              normalizeIso(step.finishedAt),
              step.error ? JSON.stringify(step.error) : null,
            ]),
          );
        } catch (error) {
          const seqs = steps.map((step) => step.seq).join(', ');
          translateConstraint(error, `A step (${seqs}) of execution ${id}`);
        }
      }),

    listSteps: (id) =>
      run(() =>
        (
          statement('SELECT * FROM execution_steps WHERE execution_id = ? ORDER BY seq').all(id) as StepRow[]
        ).map(toStep),
      ),

    countRunning: (query = {}) =>
      run(() => {
        const byFlow = query.flowId !== undefined;
        const sql = `SELECT flow_id, version, COUNT(*) AS running FROM executions
          WHERE status IN (SELECT value FROM json_each(?)) ${byFlow ? 'AND flow_id = ?' : ''}
          GROUP BY flow_id, version ORDER BY flow_id, version`;
        const params: unknown[] = [JSON.stringify(ACTIVE_EXECUTION_STATUSES)];
        if (byFlow) params.push(query.flowId);
        const rows = statement(sql).all(...params) as Array<{
          flow_id: string;
          version: number;
          running: number;
        }>;
        return rows.map((row) => ({ flowId: row.flow_id, version: row.version, running: row.running }));
      }),
  };
}
