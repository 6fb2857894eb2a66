import { openSqliteStore, type Store } from '@flowdesk/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../app-deps.ts';
import { EXECUTIONS_PER_BATCH, RetentionJanitor } from './retention-janitor.ts';
import { ManualClock } from './runtime-test-kit.ts';

const DAY_MS = 86_400_000;

let store: Store;
const clock = new ManualClock(new Date('2026-12-01T00:00:00.000Z'));
const daysAgo = (days: number) => new Date(clock.now().getTime() - days * DAY_MS).toISOString();

async function finishedExecution(id: string, finishedDaysAgo: number): Promise<void> {
  const finishedAt = daysAgo(finishedDaysAgo);
  await store.executions.create({
    id,
    flowId: 'flow',
    version: 2,
    status: 'completed',
    state: { executionId: id },
    startedAt: finishedAt,
    finishedAt,
  });
  await store.executions.appendSteps(id, [
    {
      seq: 1,
      nodeId: 'start',
      nodeType: 'trigger.request_received',
      visit: 1,
      input: {},
      output: { request: { message: 'hello' } },
      port: 'next',
      startedAt: finishedAt,
      finishedAt,
    },
  ]);
}

async function finishedJob(id: string, finishedDaysAgo: number): Promise<void> {
  const at = daysAgo(finishedDaysAgo);
  await store.jobs.enqueue({ id, kind: 'outbox.deliver', runAt: at, payload: {}, now: at });
  const [job] = await store.jobs.claimDue({ workerId: 'w', now: at, leaseMs: 1000, limit: 1 });
  await store.jobs.complete(id, job?.leaseToken ?? '', at);
}

beforeEach(async () => {
  store = await openSqliteStore({ path: ':memory:' });
});
afterEach(async () => {
  await store.close();
});

describe('RetentionJanitor', () => {
  it('prunes step logs and finished jobs older than the retention in batches, yielding between them', async () => {
    const old = EXECUTIONS_PER_BATCH + 20;
    for (let n = 0; n < old; n++) await finishedExecution(`old-${n}`, 91 + (n % 5));
    await finishedExecution('recent', 89);
    await finishedJob('job-old', 120);
    await finishedJob('job-recent', 10);
    let pauses = 0;
    const janitor = new RetentionJanitor({
      store,
      clock,
      log: silentLogger,
      pause: async () => {
        pauses++;
      },
    });

    expect(await janitor.sweep()).toEqual({ executions: old, jobs: 1, batches: 3 });
    expect(pauses).toBe(3);
    // Only what the KPI hand-off reason reads stays: here the first step, without its data.
    expect(await store.executions.listSteps('old-0')).toMatchObject([{ seq: 1, input: {}, output: {} }]);
    expect(await store.executions.get('old-0')).toMatchObject({
      status: 'completed',
      version: 2,
      stepsPrunedAt: clock.now().toISOString(),
    });
    expect(await store.executions.listSteps('recent')).toHaveLength(1);
    expect(await store.jobs.get('job-old')).toBeNull();
    expect((await store.jobs.get('job-recent'))?.status).toBe('completed');

    // Nothing left: the next sweep finds nothing.
    expect(await janitor.sweep()).toEqual({ executions: 0, jobs: 0, batches: 2 });
  });

  it('keeps what a shorter or longer setting says', async () => {
    await finishedExecution('month-old', 31);
    const keepYear = new RetentionJanitor({ store, clock, log: silentLogger, retentionDays: 365 });
    expect((await keepYear.sweep()).executions).toBe(0);
    const keepMonth = new RetentionJanitor({ store, clock, log: silentLogger, retentionDays: 30 });
    expect((await keepMonth.sweep()).executions).toBe(1);
  });
});
