import type { Store, User } from '@flowdesk/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../app-deps.ts';
import { createServices } from '../../boot/app-services.ts';
import { SHADOW_RUN_STALE_MS, ShadowRunJobs } from '../../runtime/shadow-run/shadow-run-jobs.ts';
import { createTestBed, type TestBed } from '../../testing/server-test-kit.ts';
import { createCaller } from '../_app.ts';
import { createInnerContext } from '../context.ts';
import { changeDraft, seedReturns } from './shadow-test-fixture.ts';

/**
 * Shadow runs across replicas and restarts: two server processes on one
 * store, each with its own ShadowRunJobs. Replica A runs the replay; its
 * reads of past executions pass a gate the test opens, so the run can be
 * held mid-way (a slow run) or never let go again (a process that died).
 */

let bed: TestBed;
let gate: { open: boolean; waiters: (() => void)[] };

/** The store as replica A sees it: reading a past execution waits while the gate is shut. */
function gatedStore(store: Store): Store {
  const executions = new Proxy(store.executions, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (key !== 'get' || typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        if (!gate.open) await new Promise<void>((resolve) => gate.waiters.push(resolve));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return new Proxy(store, {
    get: (target, key, receiver) =>
      key === 'executions' ? executions : (Reflect.get(target, key, receiver) as unknown),
  });
}

function openGate(): void {
  gate.open = true;
  for (const resolve of gate.waiters.splice(0)) resolve();
}

/** A second server process on the same store: its own services, ids and shadow runs. */
function replica(store: Store, prefix: string, heartbeatMs = 0): AppServices {
  let counter = 0;
  const ids = { next: () => `${prefix}-${String(++counter).padStart(4, '0')}` };
  const services = createServices({
    store,
    config: bed.services.config,
    clock: bed.clock,
    ids,
    runtime: bed.runtime,
    links: bed.services.links,
  });
  return {
    ...services,
    shadowRuns: new ShadowRunJobs({ store, clock: bed.clock, ids, log: services.log, heartbeatMs }),
  };
}

const callerOn = (services: AppServices, user: User) => createCaller(createInnerContext({ services, user }));

/** Lets the event loop run until the condition holds (the replay yields between chunks). */
async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let turn = 0; turn < 500; turn++) {
    if (await condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('condition never held');
}

let replicaA: AppServices;
let replicaB: AppServices;

beforeEach(async () => {
  bed = await createTestBed();
  gate = { open: true, waiters: [] };
  // 60 past requests: six chunks of ten, so a run can be caught between them.
  const messages = Array.from({ length: 60 }, (_, index) => (index % 3 === 0 ? '金卡 退款' : '退款'));
  await seedReturns(bed, messages);
  await changeDraft(bed, '退款');
  replicaA = replica(gatedStore(bed.store), 'a');
  replicaB = replica(bed.store, 'b');
});
afterEach(async () => {
  openGate();
  await bed.close();
});

describe('shadow runs across replicas and restarts', () => {
  it('answers progress and takes a cancel on another replica than the one running it', async () => {
    const onA = callerOn(replicaA, bed.users.editor);
    const onB = callerOn(replicaB, bed.users.admin);
    gate.open = false;
    const started = await onA.shadow.start({ flowId: 'returns', last: 60 });
    expect(started).toMatchObject({ status: 'running', done: 0, total: 60, requestedBy: 'user-editor' });
    // Let two chunks through, then hold the run.
    let passed = 0;
    while (passed < 20) {
      await until(async () => gate.waiters.length > 0);
      gate.waiters.shift()?.();
      passed += 1;
    }
    await until(async () => (await onB.shadow.progress({ runId: started.runId })).done >= 10);
    expect(await onB.shadow.progress({ runId: started.runId })).toMatchObject({
      status: 'running',
      total: 60,
      reportId: null,
    });
    expect(await onB.shadow.cancel({ runId: started.runId })).toMatchObject({ status: 'running' });
    openGate();
    const ended = await replicaA.shadowRuns.settled(started.runId);
    expect(ended).toMatchObject({ status: 'cancelled', reportId: started.runId });
    expect(ended?.done).toBeLessThan(60);
    const report = await onB.shadow.report({ runId: started.runId });
    expect(report.coverage.cancelled).toBe(true);
    expect(report.report.replayed).toBeLessThan(60);
  });

  it('refuses a second run in the workspace, on any replica, naming who started the running one and when', async () => {
    gate.open = false;
    const started = await callerOn(replicaA, bed.users.editor).shadow.start({ flowId: 'returns', last: 60 });
    const refusal = await callerOn(replicaB, bed.users.admin)
      .shadow.start({ flowId: 'returns', last: 10 })
      .catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: 'CONFLICT', cause: { code: 'shadow_run_busy' } });
    const messages = (refusal as { cause: { messages: Record<string, string> } }).cause.messages;
    expect(messages.en).toBe(
      'A shadow run is already running, started by The editor at 2026-11-22 08:00 UTC (flow "Returns"); wait for it to end or cancel it, then run again',
    );
    expect(messages['zh-CN']).toContain('The editor');
    openGate();
    expect((await replicaA.shadowRuns.settled(started.runId))?.status).toBe('finished');
    // Once it ended, the next one starts.
    const next = await callerOn(replicaB, bed.users.admin).shadow.start({ flowId: 'returns', last: 10 });
    expect((await replicaB.shadowRuns.settled(next.runId))?.status).toBe('finished');
  });

  it('a run whose process died mid-run reads interrupted (translated) once its heartbeat is stale, and frees the slot', async () => {
    gate.open = false;
    const started = await callerOn(replicaA, bed.users.editor).shadow.start({ flowId: 'returns', last: 60 });
    await until(async () => gate.waiters.length > 0);
    // Replica A is gone: its run never passes the gate again. A restarted server is a new replica.
    const restarted = replica(bed.store, 'c');
    const onRestarted = callerOn(restarted, bed.users.editor);
    expect((await onRestarted.shadow.progress({ runId: started.runId })).status).toBe('running');
    bed.clock.advance(SHADOW_RUN_STALE_MS + 1000);
    const view = await onRestarted.shadow.progress({ runId: started.runId });
    expect(view).toMatchObject({
      status: 'interrupted',
      reportId: null,
      error: { code: 'shadow_run_interrupted' },
    });
    expect(view.error?.messages.en).toContain('run it again');
    expect(view.error?.messages['zh-CN']).toContain('重新运行');
    await expect(onRestarted.shadow.report({ runId: started.runId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const next = await onRestarted.shadow.start({ flowId: 'returns', last: 10 });
    expect((await restarted.shadowRuns.settled(next.runId))?.status).toBe('finished');
    // Should the old process come back to life, it stores nothing: the run stays interrupted.
    openGate();
    expect((await replicaA.shadowRuns.settled(started.runId))?.status).toBe('interrupted');
    expect(await bed.store.shadowReports.get(started.runId)).toBeNull();
  });

  it('a server that shuts down ends its running runs as interrupted at once', async () => {
    gate.open = false;
    const started = await callerOn(replicaA, bed.users.editor).shadow.start({ flowId: 'returns', last: 60 });
    await until(async () => gate.waiters.length > 0);
    await replicaA.shadowRuns.close();
    expect(
      (await callerOn(replicaB, bed.users.editor).shadow.progress({ runId: started.runId })).status,
    ).toBe('interrupted');
    openGate();
    await replicaA.shadowRuns.settled(started.runId);
    expect(await bed.store.shadowReports.get(started.runId)).toBeNull();
  });

  it('a run that crashes reads failed with a translated reason, not running', async () => {
    // The publish dialog's lint reads the teams first; the run's own read of them (its last) fails.
    let teamReads = 0;
    const teams = {
      ...bed.store.teams,
      list: (workspaceId: string) =>
        ++teamReads > 1 ? Promise.reject(new Error('disk gone')) : bed.store.teams.list(workspaceId),
    };
    const broken = replica(
      new Proxy(bed.store, {
        get: (target, key, receiver) =>
          key === 'teams' ? teams : (Reflect.get(target, key, receiver) as unknown),
      }),
      'd',
    );
    const started = await callerOn(broken, bed.users.editor).shadow.start({ flowId: 'returns', last: 5 });
    const ended = await broken.shadowRuns.settled(started.runId);
    expect(ended).toMatchObject({ status: 'failed', reportId: null, error: { code: 'shadow_run_failed' } });
    expect(ended?.error?.messages.en).toContain('run it again');
  });
});
