import { type Job, openSqliteStore } from '@flowdesk/store';
import { afterAll, describe, expect, it } from 'vitest';
import { KPI_ROLLUP_REFRESH_JOB } from '../src/analytics/kpi-rollup-schedule.ts';
import { ANOMALY_DETECT_JOB } from '../src/runtime/anomaly-jobs.ts';
import { edge, graph, HttpSink, node, webhookNode } from '../src/runtime/runtime-test-kit.ts';
import {
  postRequest,
  prepareDatabase,
  type ServerProcess,
  startServerProcess,
  tempDatabase,
  waitFor,
} from './process-kit.ts';

const REQUESTS = 500;
const CONCURRENCY = 32;

/**
 * The durability promise, tested for real: a server process is SIGKILLed while
 * 500 requests arrive. Every request that was answered 2xx has exactly one
 * execution, it completes after a restart, and each message reaches the sink
 * under its own idempotency key.
 */
describe('crash recovery', () => {
  const sink = new HttpSink();
  let server: ServerProcess | undefined;

  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await sink.stop();
  });

  it('loses and duplicates nothing when the server is killed mid-load', async () => {
    const url = await sink.start();
    const dbPath = tempDatabase();
    const apiKey = await prepareDatabase(dbPath, {
      notify: graph(
        [
          node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] }),
          webhookNode('hook', `${url}/hook`, '{{ request.message }}'),
          node('end', 'action.end', { outcome: 'completed' }),
        ],
        [edge('start', 'next', 'hook'), edge('hook', 'next', 'end')],
      ),
    });
    server = await startServerProcess(dbPath, { FLOWDESK_JOB_LEASE_MS: '3000' });
    const first = server;

    const accepted = new Map<string, string[]>();
    let next = 0;
    // Killed after a random number of answers, so the crash always lands mid-load.
    const killAt = 50 + Math.floor(Math.random() * 350);
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < REQUESTS) {
          const n = next++;
          const response = await postRequest(first.url, apiKey, {
            channel: 'api',
            message: `request ${n}`,
          }).catch(() => undefined);
          if (response?.ok) {
            const body = (await response.json()) as { requestId: string; executionIds: string[] };
            accepted.set(body.requestId, body.executionIds);
            if (accepted.size === killAt) first.child.kill('SIGKILL');
          }
        }
      }),
    );
    await first.exited;
    expect(accepted.size).toBeGreaterThanOrEqual(killAt);
    expect(accepted.size).toBeLessThan(REQUESTS);

    server = await startServerProcess(dbPath, { FLOWDESK_JOB_LEASE_MS: '3000' });
    const store = await openSqliteStore({ path: dbPath });
    try {
      await waitFor(async () => {
        // Periodic jobs (the hourly anomaly check, the next report, the 30 s KPI rollup refresh)
        // always have their next run queued for later; only work already due is left over.
        const now = new Date().toISOString();
        const work = (jobs: Job[]) =>
          jobs.filter(
            (job) =>
              job.kind !== ANOMALY_DETECT_JOB && job.kind !== KPI_ROLLUP_REFRESH_JOB && job.runAt <= now,
          );
        const pending = work(await store.jobs.list({ status: 'pending' }));
        const running = work(await store.jobs.list({ status: 'running' }));
        return pending.length + running.length === 0;
      }, 30_000);

      for (const executionIds of accepted.values()) {
        expect(executionIds).toHaveLength(1);
        const record = await store.executions.get(executionIds[0] as string);
        expect(record?.status).toBe('completed');
      }
      const firstPage = await store.executions.list({ limit: 500 });
      const all = [...firstPage.items];
      let cursor = firstPage.nextCursor;
      while (cursor) {
        const page = await store.executions.list({ limit: 500, cursor });
        all.push(...page.items);
        cursor = page.nextCursor;
      }
      expect(all.every((execution) => execution.status === 'completed')).toBe(true);
      const deliveredKeys = new Set(sink.received.map((hook) => hook.headers['idempotency-key']));
      expect(deliveredKeys).toEqual(new Set(all.map((execution) => `${execution.id}:hook:1`)));
      expect(all.length).toBeGreaterThanOrEqual(accepted.size);
    } finally {
      await store.close();
    }
  }, 120_000);
});
