import { openSqliteStore } from '@flowdesk/store';
import { afterAll, describe, expect, it } from 'vitest';
import { edge, graph, HttpSink, node, webhookNode } from '../src/runtime/runtime-test-kit.ts';
import {
  postRequest,
  prepareDatabase,
  type ServerProcess,
  startServerProcess,
  tempDatabase,
  waitFor,
} from './process-kit.ts';

/** A timer set before a crash fires after the restart, and never before its time. */
describe('durable timers across a restart', () => {
  const sink = new HttpSink();
  let server: ServerProcess | undefined;
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await sink.stop();
  });

  it('fires a timer that fell due while the server was down, not before its time', async () => {
    const url = await sink.start();
    const dbPath = tempDatabase();
    const apiKey = await prepareDatabase(dbPath, {
      remind: graph(
        [
          node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] }),
          node('wait', 'timing.wait', { mode: 'until_field', field: 'request.customFields.remindAt' }),
          webhookNode('remind', `${url}/remind`, 'reminder'),
        ],
        [edge('start', 'next', 'wait'), edge('wait', 'next', 'remind')],
      ),
    });
    server = await startServerProcess(dbPath);
    const remindAt = Date.now() + 2500;
    const response = await postRequest(server.url, apiKey, {
      channel: 'api',
      message: 'remind me',
      customFields: { remindAt: new Date(remindAt).toISOString() },
    });
    expect(response.status).toBe(202);
    const { executionIds } = (await response.json()) as { executionIds: string[] };

    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(sink.received).toHaveLength(0);
    server.child.kill('SIGKILL');
    await server.exited;

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, remindAt - Date.now()) + 500));
    expect(sink.received).toHaveLength(0);
    server = await startServerProcess(dbPath);
    await waitFor(
      () => sink.received.length === 1,
      15_000,
      () => server?.output() ?? '',
    );

    const store = await openSqliteStore({ path: dbPath });
    try {
      const record = await store.executions.get(executionIds[0] as string);
      expect(record?.status).toBe('completed');
      const steps = await store.executions.listSteps(executionIds[0] as string);
      const wait = steps.find((step) => step.nodeId === 'wait');
      expect(Date.parse(wait?.finishedAt ?? '')).toBeGreaterThanOrEqual(remindAt);
    } finally {
      await store.close();
    }
  }, 60_000);
});
