import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openSqliteStore } from '@flowdesk/store';
import { afterAll, describe, expect, it } from 'vitest';
import { edge, graph, node, webhookNode } from '../src/runtime/runtime-test-kit.ts';
import {
  postRequest,
  prepareDatabase,
  type ServerProcess,
  startServerProcess,
  tempDatabase,
  waitFor,
} from './process-kit.ts';

/**
 * Two server processes share one SQLite file. The one running a job is frozen
 * (SIGSTOP) mid-job; after its lease expires the other takes the job over and
 * finishes it. When the frozen one wakes (SIGCONT), its late completion is
 * refused and changes nothing.
 */
describe('job lease takeover between processes', () => {
  const servers: ServerProcess[] = [];
  afterAll(() => {
    for (const server of servers) {
      server.child.kill('SIGCONT');
      server.child.kill('SIGKILL');
    }
  });

  it('lets another process finish a job whose holder froze, and refuses the late completion', async () => {
    const held: ServerResponse[] = [];
    let lookups = 0;
    const deliveries: string[] = [];
    const sink = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        if (request.url === '/lookup') {
          lookups++;
          if (lookups === 1) {
            held.push(response);
            return;
          }
          response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"second"}');
          return;
        }
        deliveries.push(String(request.headers['idempotency-key']));
        response.writeHead(200).end('{}');
      });
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;

    const dbPath = tempDatabase();
    const apiKey = await prepareDatabase(dbPath, {
      lookup: graph(
        [
          node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] }),
          node('lookup', 'action.http_request', {
            method: 'GET',
            url: `${base}/lookup`,
            timeoutMs: 30000,
            responseMapping: [{ variable: 'status', path: 'status' }],
          }),
          webhookNode('tell', `${base}/tell`, '{{ variables.status }}'),
        ],
        [edge('start', 'next', 'lookup'), edge('lookup', 'next', 'tell')],
      ),
    });
    const env = { FLOWDESK_JOB_LEASE_MS: '1500' };
    servers.push(await startServerProcess(dbPath, env), await startServerProcess(dbPath, env));

    const response = await postRequest(servers[0]?.url ?? '', apiKey, {
      channel: 'api',
      message: 'where is it',
    });
    expect(response.status).toBe(202);
    const { executionIds } = (await response.json()) as { executionIds: string[] };
    const executionId = executionIds[0] as string;

    await waitFor(() => held.length === 1, 10_000);
    const store = await openSqliteStore({ path: dbPath });
    try {
      const [job] = (await store.jobs.list({ kind: 'execution.activity' })).filter(
        (j) => j.status === 'running',
      );
      const holder = servers.find((server) => job?.leasedBy?.endsWith(`:${server.child.pid}`));
      expect(holder).toBeDefined();
      holder?.child.kill('SIGSTOP');

      await waitFor(async () => (await store.executions.get(executionId))?.status === 'completed', 15_000);
      expect(lookups).toBe(2);
      await waitFor(() => deliveries.length > 0, 10_000);
      expect(deliveries).toEqual([`${executionId}:tell:1`]);

      held[0]?.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"first"}');
      holder?.child.kill('SIGCONT');
      await waitFor(
        () => (holder?.output() ?? '').includes('job did not finish'),
        10_000,
        () => holder?.output() ?? '',
      );

      const steps = await store.executions.listSteps(executionId);
      expect(steps.filter((step) => step.nodeId === 'lookup')).toHaveLength(1);
      expect(steps.find((step) => step.nodeId === 'lookup')?.output).toMatchObject({
        variables: { status: 'second' },
      });
      const record = await store.executions.get(executionId);
      expect(
        (record?.state as { data?: { variables?: { status?: string } } } | undefined)?.data?.variables
          ?.status,
      ).toBe('second');
      expect(deliveries).toHaveLength(1);
    } finally {
      await store.close();
      sink.close();
    }
  }, 60_000);
});
