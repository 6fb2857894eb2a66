import type { Ticket } from '@flowdesk/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRuntimeHarness, type RuntimeHarness } from '../runtime/runtime-test-kit.ts';
import {
  KPI_ROLLUP_REFRESH_JOB,
  nextRefreshSlot,
  REFRESH_EVERY_MS,
  refreshInBackground,
  scheduleKpiRollupRefresh,
} from './kpi-rollup-schedule.ts';

/**
 * The background KPI rollup refresh: a chain of jobs on a 30 s grid folds the
 * changes the store marked in batches of 100, pausing between them, without
 * anyone reading the dashboard; replicas scheduling it share one chain.
 */

let harness: RuntimeHarness;

function ticket(index: number, createdAt: number): Ticket {
  const iso = new Date(createdAt).toISOString();
  return {
    id: `t${index}`,
    number: `CS20261125${String(index).padStart(4, '0')}`,
    workspaceId: 'default',
    title: '报修',
    description: '设备故障',
    channel: index % 2 === 0 ? 'email' : 'web_form',
    category: 'electrical',
    priority: 'medium',
    status: index % 3 === 0 ? 'resolved' : 'new',
    team: null,
    assignee: null,
    customerId: null,
    vipLevel: 0,
    customFields: {},
    tags: [],
    solution: null,
    slaPolicyId: null,
    firstResponseDueAt: null,
    resolutionDueAt: null,
    firstRespondedAt: null,
    pausedAt: null,
    pausedMs: 0,
    slaState: 'none',
    slaRevision: 0,
    createdByKey: null,
    createdAt: iso,
    updatedAt: iso,
    resolvedAt: index % 3 === 0 ? new Date(createdAt + 3_600_000).toISOString() : null,
    closedAt: null,
  };
}

async function seed(count: number) {
  const start = harness.clock.now().getTime() - 2 * 86_400_000;
  for (let index = 1; index <= count; index++) {
    await harness.store.tickets.create(ticket(index, start + index * 60_000));
  }
}

const ids = (count: number) => Array.from({ length: count }, (_, index) => `t${index + 1}`);

describe('background kpi rollup refresh', () => {
  beforeEach(async () => {
    harness = await createRuntimeHarness();
  });
  afterEach(() => harness.close());

  it('folds every marked ticket in when its slot comes, with no dashboard read, and queues the next slot', async () => {
    await seed(250);
    expect(await harness.store.kpiRollups.dirtyCount()).toBe(250);
    await scheduleKpiRollupRefresh(harness.store, harness.clock, { next: () => 'refresh-1' });
    const slot = nextRefreshSlot(harness.clock.now().getTime());
    expect(await harness.drain()).toBe(0); // not due yet
    harness.clock.advance(slot - harness.clock.now().getTime());
    await harness.drain();

    expect(await harness.store.kpiRollups.dirtyCount()).toBe(0);
    const facts = await harness.store.kpiRollups.factsOf(ids(250));
    expect(facts.size).toBe(250);
    const done = await harness.store.jobs.list({ kind: KPI_ROLLUP_REFRESH_JOB, status: 'completed' });
    expect(done.map((job) => job.runAt)).toEqual([new Date(slot).toISOString()]);
    const next = await harness.store.jobs.list({ kind: KPI_ROLLUP_REFRESH_JOB, status: 'pending' });
    expect(next.map((job) => job.runAt)).toEqual([new Date(slot + REFRESH_EVERY_MS).toISOString()]);
  });

  it('recomputes a ticket changed after a run at the next slot', async () => {
    await seed(3);
    await scheduleKpiRollupRefresh(harness.store, harness.clock, { next: () => 'refresh-1' });
    const slot = nextRefreshSlot(harness.clock.now().getTime());
    harness.clock.advance(slot - harness.clock.now().getTime());
    await harness.drain();
    const before = await harness.store.kpiRollups.factsOf(['t1']);
    expect(JSON.parse(before.get('t1')?.data ?? '{}').category).toBe('electrical');

    await harness.store.tickets.update('t1', { category: 'mechanical' });
    expect(await harness.store.kpiRollups.dirtyCount()).toBe(1);
    harness.clock.advance(REFRESH_EVERY_MS);
    await harness.drain();
    expect(await harness.store.kpiRollups.dirtyCount()).toBe(0);
    const after = await harness.store.kpiRollups.factsOf(['t1']);
    expect(after.get('t1')?.category).toBe('mechanical');
  });

  it('replicas starting within one slot enqueue one job: one chain, one run at a time', async () => {
    // 1 s into a slot, replica A starts; 20 s later, replica B.
    const now = harness.clock.now().getTime();
    harness.clock.advance(nextRefreshSlot(now) + 1_000 - now);
    await scheduleKpiRollupRefresh(harness.store, harness.clock, { next: () => 'replica-a' });
    harness.clock.advance(20_000);
    await scheduleKpiRollupRefresh(harness.store, harness.clock, { next: () => 'replica-b' });
    const pending = await harness.store.jobs.list({ kind: KPI_ROLLUP_REFRESH_JOB, status: 'pending' });
    expect(pending.map((job) => job.id)).toEqual(['replica-a']);
  });

  it('works in batches of 100 and pauses between them, and stops when its time budget is spent', async () => {
    await seed(250);
    const waitingAtPauses: number[] = [];
    const all = await refreshInBackground({
      store: harness.store,
      clock: harness.clock,
      pause: async () => {
        waitingAtPauses.push(await harness.store.kpiRollups.dirtyCount());
      },
    });
    expect(waitingAtPauses).toEqual([150, 50]);
    expect(all).toEqual({ folded: 250, waiting: 0 });

    await harness.store.kpiRollups.markAll('default');
    const cut = await refreshInBackground(
      {
        store: harness.store,
        clock: harness.clock,
        pause: () => new Promise((resolve) => setTimeout(resolve, 30)),
      },
      10,
    );
    expect(cut).toEqual({ folded: 100, waiting: 150 });
  });

  it('keeps the chain going when a fold fails; the marks wait for the next run', async () => {
    await seed(5);
    const rollups = harness.store.kpiRollups;
    const dirty = rollups.dirty.bind(rollups);
    rollups.dirty = async () => {
      throw new Error('database is locked');
    };
    await scheduleKpiRollupRefresh(harness.store, harness.clock, { next: () => 'refresh-1' });
    const slot = nextRefreshSlot(harness.clock.now().getTime());
    harness.clock.advance(slot - harness.clock.now().getTime());
    await harness.drain();
    expect(await rollups.dirtyCount()).toBe(5);
    const next = await harness.store.jobs.list({ kind: KPI_ROLLUP_REFRESH_JOB, status: 'pending' });
    expect(next.map((job) => job.runAt)).toEqual([new Date(slot + REFRESH_EVERY_MS).toISOString()]);

    rollups.dirty = dirty;
    harness.clock.advance(REFRESH_EVERY_MS);
    await harness.drain();
    expect(await rollups.dirtyCount()).toBe(0);
  });
});
