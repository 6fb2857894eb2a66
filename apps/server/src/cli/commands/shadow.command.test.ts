import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FlowGraph } from '@flowdesk/model';
import { describe, expect, it } from 'vitest';
import { openConfiguredStore } from '../../boot/open-store.ts';
import { loadServerConfig } from '../../config/server-config.ts';
import { edge, graph, node } from '../../runtime/runtime-test-kit.ts';
import { memoryIo } from '../cli-test-kit.ts';
import { runCli } from '../main.ts';

/** Messages with the keyword get a high-priority ticket, the rest a medium one. */
function flow(keyword: string): FlowGraph {
  return graph(
    [
      node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] }),
      node('urgent', 'logic.condition', {
        mode: 'rules',
        rules: {
          kind: 'group',
          combinator: 'all',
          children: [{ kind: 'rule', field: 'request.message', operator: 'contains', value: keyword }],
        },
      }),
      node('high', 'action.create_ticket', {
        title: 'x',
        description: '',
        priority: 'high',
        customFields: {},
      }),
      node('medium', 'action.create_ticket', {
        title: 'x',
        description: '',
        priority: 'medium',
        customFields: {},
      }),
    ],
    [edge('start', 'next', 'urgent'), edge('urgent', 'true', 'high'), edge('urgent', 'false', 'medium')],
  );
}

async function databaseWithHistory(): Promise<string> {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'flowdesk-shadow-')), 'flowdesk.sqlite');
  const store = await openConfiguredStore(loadServerConfig({ FLOWDESK_DB: dbPath }));
  const now = '2026-11-22T08:00:00.000Z';
  await store.flows.create({
    id: 'f1',
    workspaceId: 'default',
    // Stored as the demo's template flows are: the name in Chinese, and one per language.
    name: '售后受理',
    localizedName: { 'zh-CN': '售后受理', en: 'After-sales intake' },
    draft: flow('退款'),
    createdBy: 'cli',
    now,
  });
  await store.versions.publish('f1', flow('投诉'), 'v1', 'cli', now);
  for (const [index, message] of ['我要退款', '投诉快递', '发票'].entries()) {
    const startedAt = `2026-11-21T0${index}:00:00.000Z`;
    await store.executions.create({
      id: `e${index}`,
      flowId: 'f1',
      version: 1,
      status: 'completed',
      state: {
        executionId: `e${index}`,
        flowId: 'f1',
        version: 1,
        status: 'completed',
        data: { variables: {}, request: { id: `r${index}`, channel: 'api', message, receivedAt: startedAt } },
        cursor: { nodeId: 'start', visit: 1 },
        seq: 0,
        stepSeq: 0,
        visits: {},
        pending: null,
        startedAt,
        updatedAt: startedAt,
      },
      startedAt,
    });
  }
  await store.close();
  return dbPath;
}

describe('flowdesk shadow', () => {
  it('prints how the draft would handle the last past requests differently from the live version', async () => {
    const dbPath = await databaseWithHistory();
    const io = memoryIo({ FLOWDESK_DB: dbPath });
    expect(await runCli(['shadow', 'f1', '--last', '500', '--lang', 'en'], io)).toBe(0);
    const out = io.out();
    expect(out).toContain('Replayed 3 past requests');
    expect(out).toContain('tickets created: 3 → 3');
    // 我要退款 becomes high, 投诉快递 becomes medium.
    expect(out).toContain('2 requests (66.7 %) would change');
    expect(out).toMatch(/1 \(33\.3 %\)\s+priority: medium → high/);

    const json = memoryIo({ FLOWDESK_DB: dbPath });
    expect(await runCli(['shadow', 'f1', '--last', '2', '--json'], json)).toBe(0);
    expect(JSON.parse(json.out()).report.replayed).toBe(2);
  });

  it('refuses more than 5,000 requests, an unknown flow and bad arguments, in the chosen language', async () => {
    const dbPath = await databaseWithHistory();
    const over = memoryIo({ FLOWDESK_DB: dbPath });
    expect(await runCli(['shadow', 'f1', '--last', '6000', '--lang', 'zh-CN'], over)).toBe(2);
    expect(over.err()).toContain('影子运行最多回放 5000 个请求');
    const unknown = memoryIo({ FLOWDESK_DB: dbPath });
    expect(await runCli(['shadow', 'nope', '--lang', 'en'], unknown)).toBe(1);
    expect(unknown.err()).toContain('Flow not found: nope');
    const empty = memoryIo({ FLOWDESK_DB: dbPath });
    expect(
      await runCli(['shadow', 'f1', '--from', '2026-01-01T00:00:00Z', '--to', '2026-01-02T00:00:00Z'], empty),
    ).toBe(1);
    const bad = memoryIo({ FLOWDESK_DB: dbPath });
    expect(await runCli(['shadow', 'f1', '--last', 'many', '--lang', 'en'], bad)).toBe(2);
    expect(bad.err()).toContain('--last must be a positive whole number');
  });

  it('keeps its run in the store like the server does, and is refused while another run of the workspace runs', async () => {
    const dbPath = await databaseWithHistory();
    const io = memoryIo({ FLOWDESK_DB: dbPath });
    expect(await runCli(['shadow', 'f1', '--last', '3', '--json'], io)).toBe(0);
    const { runId } = JSON.parse(io.out()) as { runId: string };
    let store = await openConfiguredStore(loadServerConfig({ FLOWDESK_DB: dbPath }));
    // The server sees the run and its report: progress, report and publish read them from the store.
    expect(await store.shadowRuns.get(runId)).toMatchObject({
      flowId: 'f1',
      status: 'finished',
      done: 3,
      total: 3,
      requestedBy: 'cli',
    });
    expect((await store.shadowReports.get(runId))?.flowId).toBe('f1');
    // A run started in the editor a moment ago is still running (its heartbeat is fresh).
    const startedAt = new Date().toISOString();
    const running = await store.shadowRuns.start(
      {
        id: 'run-in-editor',
        workspaceId: 'default',
        flowId: 'f1',
        total: 3,
        liveVersion: 1,
        draftRevision: 1,
        draftHash: 'x',
        selection: { last: 3 },
        requestedBy: 'someone',
        startedAt,
      },
      new Date(Date.now() - 30_000).toISOString(),
    );
    expect(running.started).toBe(true);
    await store.close();

    const refused = memoryIo({ FLOWDESK_DB: dbPath });
    expect(await runCli(['shadow', 'f1', '--last', '3', '--lang', 'en'], refused)).toBe(1);
    expect(refused.err()).toContain('A shadow run is already running, started by someone at');
    // The flow is named in the reader's language, not by its stored (Chinese) name.
    expect(refused.err()).toContain('(flow "After-sales intake")');
    expect(refused.out()).toBe('');
    const refusedZh = memoryIo({ FLOWDESK_DB: dbPath });
    expect(await runCli(['shadow', 'f1', '--lang', 'zh-CN'], refusedZh)).toBe(1);
    expect(refusedZh.err()).toContain('已有一个影子运行在进行中');
    expect(refusedZh.err()).toContain('流程「售后受理」');

    store = await openConfiguredStore(loadServerConfig({ FLOWDESK_DB: dbPath }));
    // Refused runs left nothing behind; the running one is untouched.
    expect((await store.shadowRuns.get('run-in-editor'))?.status).toBe('running');
    await store.shadowRuns.end('run-in-editor', {
      status: 'cancelled',
      done: 0,
      at: new Date().toISOString(),
    });
    await store.close();
    const after = memoryIo({ FLOWDESK_DB: dbPath });
    expect(await runCli(['shadow', 'f1', '--last', '3', '--lang', 'en'], after)).toBe(0);
    expect(after.out()).toContain('Replayed 3 past requests');
  });
});
