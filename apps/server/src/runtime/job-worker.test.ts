import { type Job, openSqliteStore, type SqliteStore } from '@flowdesk/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../app-ports.ts';
import type { JobRunner } from './job-runner.ts';
import { JobWorker } from './job-worker.ts';
import type { HeartbeatTimer } from './lease-heartbeat.ts';

const NOW = new Date('2026-12-05T08:00:00Z');
const SLOW = 'analytics.refresh_kpi_rollups';
const noBeats: HeartbeatTimer = { every: () => () => {} };

/**
 * Review M1 (issue 14): a job the worker runs in the background (the KPI
 * refresh spends up to 10 s) must not hold the timers due after it.
 */
describe('JobWorker background kinds', () => {
  let store: SqliteStore;
  const ran: string[] = [];
  let release: () => void = () => {};
  let released: Promise<void>;

  // The worker is what is tested: the runner records what it is given, completes
  // the lease in the store as the real runner does, and holds the slow kind until released.
  const runner = {
    async run(job: Job) {
      ran.push(job.kind);
      if (job.kind === SLOW) await released;
      await store.jobs.complete(job.id, job.leaseToken ?? '', NOW.toISOString());
    },
  } as unknown as JobRunner;

  const worker = (background?: (kind: string) => boolean) =>
    new JobWorker({
      store,
      runner,
      clock: { now: () => NOW },
      log: silentLogger,
      workerId: 'w1',
      heartbeat: noBeats,
      batch: 1,
      ...(background ? { background } : {}),
    });

  const enqueue = (id: string, kind: string, runAt: string) =>
    store.jobs.enqueue({ id, kind, runAt, payload: {}, now: NOW.toISOString() });

  beforeEach(async () => {
    store = await openSqliteStore({ path: ':memory:' });
    ran.length = 0;
    released = new Promise((resolve) => {
      release = resolve;
    });
    await enqueue('slow', SLOW, '2026-12-05T07:59:00Z');
    await enqueue('timer', 'sla.breach', '2026-12-05T07:59:30Z');
  });

  afterEach(async () => {
    release();
    await store.close();
  });

  it('runs the next due job while a background job is still running, and stop() waits for it', async () => {
    const jobs = worker((kind) => kind === SLOW);
    expect(await jobs.tick()).toBe(1);
    expect(jobs.backgroundRunning).toBe(1);
    expect(await jobs.tick()).toBe(1);
    expect(ran).toEqual([SLOW, 'sla.breach']);
    expect((await store.jobs.get('timer'))?.status).toBe('completed');
    expect((await store.jobs.get('slow'))?.status).not.toBe('completed');

    let stopped = false;
    const stopping = jobs.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(jobs.backgroundRunning).toBe(0);
    expect((await store.jobs.get('slow'))?.status).toBe('completed');
  });

  it('holds the batch until every other job ended, as before', async () => {
    const jobs = worker();
    const first = jobs.tick();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ran).toEqual([SLOW]);
    let done = false;
    void first.then(() => {
      done = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(done).toBe(false);
    release();
    expect(await first).toBe(1);
    expect(jobs.backgroundRunning).toBe(0);
  });
});
