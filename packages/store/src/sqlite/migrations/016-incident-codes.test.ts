import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../open-sqlite-store.ts';
import { applyMigrations, SQLITE_MIGRATIONS } from '../sqlite-migrations.ts';

const directory = mkdtempSync(join(tmpdir(), 'flowdesk-migration-016-'));

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

const AT = '2025-06-01T00:00:00.000Z';
const HTTP_TEXT = { 'zh-CN': 'HTTP 请求失败：503', en: 'The HTTP request failed: 503' };
const NO_TICKET_TEXT = {
  'zh-CN': '流程数据中没有工单：请先创建工单或由工单事件触发',
  en: 'The flow has no ticket: create one first or start from a ticket event',
};

function openBefore016(path: string) {
  const old = new Database(path);
  applyMigrations(
    old,
    SQLITE_MIGRATIONS.filter((migration) => migration.version < 16),
  );
  return old;
}

function insertExecution(db: Database.Database, id: string, state: unknown) {
  db.prepare(
    `INSERT INTO executions (id, flow_id, version, status, current_node_id, state, revision, started_at, updated_at, finished_at)
     VALUES (?, 'flow-1', 1, 'failed', 'call', ?, 1, ?, ?, ?)`,
  ).run(id, typeof state === 'string' ? state : JSON.stringify(state), AT, AT, AT);
}

function insertStep(db: Database.Database, executionId: string, seq: number, error: unknown) {
  db.prepare(
    `INSERT INTO execution_steps (execution_id, seq, node_id, node_type, visit, input, output, port, started_at, finished_at, error)
     VALUES (?, ?, 'call', 'action.http_request', 1, '{}', '{}', NULL, ?, ?, ?)`,
  ).run(executionId, seq, AT, AT, error === null ? null : JSON.stringify(error));
}

describe('migration 016: incident and step error codes', () => {
  it('keeps each code, drops text the code writes alone, and keeps other text as legacyText', async () => {
    const path = join(directory, 'before-016.sqlite');
    const old = openBefore016(path);
    const incident = {
      nodeId: 'call',
      code: 'runtime.http_failed',
      message: HTTP_TEXT,
      retryable: true,
      at: AT,
    };
    insertExecution(old, 'with-text', { status: 'failed', data: { a: 1 }, incident });
    insertExecution(old, 'no-ticket', {
      status: 'failed',
      incident: { ...incident, code: 'desk.no_ticket', message: NO_TICKET_TEXT, retryable: false },
    });
    insertExecution(old, 'running', { status: 'running', data: {} });
    insertStep(old, 'with-text', 1, null);
    insertStep(old, 'with-text', 2, { code: 'runtime.http_failed', message: HTTP_TEXT, retryable: true });
    insertStep(old, 'no-ticket', 1, { code: 'desk.no_ticket', message: NO_TICKET_TEXT, retryable: false });
    old.close();

    const store = await openSqliteStore({ path });
    expect((await store.executions.get('with-text'))?.state).toEqual({
      status: 'failed',
      data: { a: 1 },
      incident: {
        nodeId: 'call',
        code: 'runtime.http_failed',
        params: { legacyText: HTTP_TEXT },
        retryable: true,
        at: AT,
      },
    });
    expect((await store.executions.get('no-ticket'))?.state.incident).toEqual({
      nodeId: 'call',
      code: 'desk.no_ticket',
      params: {},
      retryable: false,
      at: AT,
    });
    expect((await store.executions.get('running'))?.state).toEqual({ status: 'running', data: {} });
    expect((await store.executions.listSteps('with-text')).map((step) => step.error)).toEqual([
      null,
      { code: 'runtime.http_failed', params: { legacyText: HTTP_TEXT }, retryable: true },
    ]);
    expect((await store.executions.listSteps('no-ticket'))[0]?.error).toEqual({
      code: 'desk.no_ticket',
      params: {},
      retryable: false,
    });
    await store.close();
  });

  it('leaves records already in codes and a damaged state document as they are', async () => {
    const path = join(directory, 'mixed-016.sqlite');
    const old = openBefore016(path);
    const coded = {
      nodeId: 'call',
      code: 'engine.step_limit',
      params: { limit: 500 },
      retryable: false,
      at: AT,
    };
    insertExecution(old, 'coded', { status: 'failed', incident: coded });
    insertExecution(old, 'damaged', '{"status": "failed", "incident": ');
    old.close();

    const store = await openSqliteStore({ path });
    expect((await store.executions.get('coded'))?.state.incident).toEqual(coded);
    const raw = new Database(path, { readonly: true });
    const damaged = raw.prepare("SELECT state FROM executions WHERE id = 'damaged'").get() as {
      state: string;
    };
    raw.close();
    expect(damaged.state).toBe('{"status": "failed", "incident": ');
    await store.close();
  });
});
