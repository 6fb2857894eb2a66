import { describe, expect, it } from 'vitest';
import type { EnqueueJobInput, Job } from '../port/job.types.ts';
import { isStoreError } from '../port/store-error.ts';
import type { Store } from '../store.port.ts';
import { at, type ContractContext } from './contract-context.ts';

const LEASE_MS = 30_000;

function enqueue(store: Store, id: string, overrides: Partial<EnqueueJobInput> = {}) {
  return store.jobs.enqueue({
    id,
    kind: 'timer',
    runAt: at(0),
    payload: { executionId: 'ex-1', nested: { empty: {} } },
    maxAttempts: 3,
    now: at(0),
    ...overrides,
  });
}

function claim(store: Store, workerId: string, nowMs: number, limit = 10, kinds?: string[]) {
  return store.jobs.claimDue({ workerId, now: at(nowMs), leaseMs: LEASE_MS, limit, kinds });
}

function leased(job: Job | undefined): { id: string; token: string } {
  if (!job?.leaseToken) throw new Error('expected a leased job');
  return { id: job.id, token: job.leaseToken };
}

export function describeJobContract(ctx: ContractContext): void {
  describe('jobs', () => {
    it('enqueues a pending job and treats a repeated idempotency key as a no-op', async () => {
      const store = ctx.store();
      const first = await enqueue(store, 'job-1', { idempotencyKey: 'ex-1:wait:1' });
      expect(first.created).toBe(true);
      expect(first.job).toMatchObject({ status: 'pending', attempts: 0, maxAttempts: 3, leaseToken: null });
      expect(await store.jobs.get('job-1')).toEqual(first.job);
      const again = await enqueue(store, 'job-2', { idempotencyKey: 'ex-1:wait:1', runAt: at(99) });
      expect(again).toEqual({ created: false, job: first.job });
      const sameIdAndKey = await enqueue(store, 'job-1', { idempotencyKey: 'ex-1:wait:1' });
      expect(sameIdAndKey.created).toBe(false);
      expect(await store.jobs.get('job-2')).toBeNull();
      const duplicateId = await enqueue(store, 'job-1').catch((caught: unknown) => caught);
      expect(isStoreError(duplicateId, 'duplicate')).toBe(true);
    });

    it('claims only due jobs, earliest first, up to the limit and of the asked kinds', async () => {
      const store = ctx.store();
      await enqueue(store, 'late', { runAt: at(5000) });
      await enqueue(store, 'b', { runAt: at(200) });
      await enqueue(store, 'a', { runAt: at(100) });
      await enqueue(store, 'mail', { runAt: at(50), kind: 'outbox' });
      const timers = await claim(store, 'w1', 1000, 10, ['timer']);
      expect(timers.map((job) => job.id)).toEqual(['a', 'b']);
      expect(timers[0]).toMatchObject({
        status: 'running',
        attempts: 1,
        leasedBy: 'w1',
        leaseExpiresAt: at(31_000),
      });
      expect(timers[0]?.leaseToken).toMatch(/\S{16,}/);
      expect(timers[0]?.leaseToken).not.toBe(timers[1]?.leaseToken);
      expect((await claim(store, 'w2', 1000, 1)).map((job) => job.id)).toEqual(['mail']);
      expect(await claim(store, 'w2', 1000)).toEqual([]);
      expect((await claim(store, 'w2', 5000)).map((job) => job.id)).toEqual(['late']);
    });

    it('never hands one job to two claimers at once', async () => {
      const store = ctx.store();
      for (let index = 0; index < 30; index += 1)
        await enqueue(store, `job-${String(index).padStart(2, '0')}`);
      const peer = await ctx.peer();
      const batches = await Promise.all([
        claim(store, 'w1', 10, 7),
        claim(peer, 'w2', 10, 7),
        claim(store, 'w3', 10, 7),
        claim(peer, 'w4', 10, 7),
        claim(store, 'w5', 10, 7),
      ]);
      const ids = batches.flat().map((job) => job.id);
      expect(ids).toHaveLength(30);
      expect(new Set(ids).size).toBe(30);
    });

    it('lets another worker take a job whose lease expired, and rejects the late completion', async () => {
      const store = ctx.store();
      await enqueue(store, 'job-1');
      const first = leased((await claim(store, 'w1', 0))[0]);
      expect(await claim(store, 'w2', LEASE_MS - 1)).toEqual([]);
      const second = await claim(store, 'w2', LEASE_MS);
      expect(second.map((job) => [job.id, job.leasedBy, job.attempts])).toEqual([['job-1', 'w2', 2]]);
      expect(await store.jobs.complete(first.id, first.token, at(LEASE_MS + 1))).toEqual({
        ok: false,
        reason: 'lease_lost',
      });
      const done = await store.jobs.complete('job-1', leased(second[0]).token, at(LEASE_MS + 2));
      expect(done.ok && done.job).toMatchObject({ status: 'completed', finishedAt: at(LEASE_MS + 2) });
      expect(await store.jobs.complete('job-1', leased(second[0]).token, at(LEASE_MS + 3))).toEqual({
        ok: false,
        reason: 'lease_lost',
      });
    });

    it('rejects completion with a wrong token or after the lease ran out, even if nobody else claimed', async () => {
      const store = ctx.store();
      await enqueue(store, 'job-1');
      const held = leased((await claim(store, 'w1', 0))[0]);
      expect((await store.jobs.complete(held.id, 'not-the-token', at(1))).ok).toBe(false);
      expect((await store.jobs.complete(held.id, held.token, at(LEASE_MS))).ok).toBe(false);
      expect((await store.jobs.get('job-1'))?.status).toBe('running');
    });

    it('extends a lease so nobody else can claim the job meanwhile', async () => {
      const store = ctx.store();
      await enqueue(store, 'job-1');
      const held = leased((await claim(store, 'w1', 0))[0]);
      const extended = await store.jobs.extendLease(held.id, held.token, at(20_000), LEASE_MS);
      expect(extended.ok && extended.job.leaseExpiresAt).toBe(at(50_000));
      expect(await claim(store, 'w2', 40_000)).toEqual([]);
      expect((await store.jobs.complete(held.id, held.token, at(45_000))).ok).toBe(true);
      expect((await store.jobs.extendLease(held.id, held.token, at(46_000), LEASE_MS)).ok).toBe(false);
    });

    it('keeps a job leased through repeated extensions, but never revives a lease that ran out or was cancelled', async () => {
      const store = ctx.store();
      await enqueue(store, 'job-1');
      await enqueue(store, 'job-2', { kind: 'outbox' });
      const [first, second] = (await claim(store, 'w1', 0)).map(leased);
      if (!first || !second) throw new Error('expected two leased jobs');
      // A heartbeat every 10 s: after 90 s the job is still held, three terms past its first lease.
      for (let beat = 10_000; beat <= 90_000; beat += 10_000) {
        expect((await store.jobs.extendLease(first.id, first.token, at(beat), LEASE_MS)).ok).toBe(true);
        expect(await claim(store, 'w2', beat, 10, ['timer'])).toEqual([]);
      }
      expect((await store.jobs.complete(first.id, first.token, at(95_000))).ok).toBe(true);
      // The second job had no heartbeat: its lease ran out at 30 s and stays out.
      expect((await store.jobs.extendLease(second.id, second.token, at(LEASE_MS), LEASE_MS)).ok).toBe(false);
      const taken = leased((await claim(store, 'w2', LEASE_MS))[0]);
      expect(await store.jobs.cancel({ id: taken.id }, at(LEASE_MS + 1))).toBe(1);
      expect((await store.jobs.extendLease(taken.id, taken.token, at(LEASE_MS + 2), LEASE_MS)).ok).toBe(
        false,
      );
    });

    it('retries a failed job at retryAt and makes it dead once its attempts are used up', async () => {
      const store = ctx.store();
      await enqueue(store, 'job-1', { maxAttempts: 2 });
      const first = leased((await claim(store, 'w1', 0))[0]);
      const retry = await store.jobs.fail(first.id, first.token, at(10), {
        retryAt: at(5000),
        error: 'SMTP 451',
      });
      expect(retry.ok && retry.job).toMatchObject({
        status: 'pending',
        runAt: at(5000),
        lastError: 'SMTP 451',
        leaseToken: null,
      });
      expect(await claim(store, 'w1', 4999)).toEqual([]);
      const second = leased((await claim(store, 'w2', 5000))[0]);
      const last = await store.jobs.fail(second.id, second.token, at(5010), {
        retryAt: at(9000),
        error: 'again',
      });
      expect(last.ok && last.job).toMatchObject({ status: 'dead', attempts: 2, finishedAt: at(5010) });
      expect(await claim(store, 'w1', 10_000)).toEqual([]);
      expect((await store.jobs.fail(second.id, second.token, at(5020), { dead: true, error: 'x' })).ok).toBe(
        false,
      );
    });

    it('ends a job at once when failed as dead', async () => {
      const store = ctx.store();
      await enqueue(store, 'job-1', { maxAttempts: 10 });
      const held = leased((await claim(store, 'w1', 0))[0]);
      const dead = await store.jobs.fail(held.id, held.token, at(5), { dead: true, error: '404 webhook' });
      expect(dead.ok && dead.job).toMatchObject({ status: 'dead', lastError: '404 webhook' });
      expect((await store.jobs.list({ status: 'dead' })).map((job) => job.id)).toEqual(['job-1']);
    });

    it('cancels pending timers by id or by idempotency key prefix, taken literally', async () => {
      const store = ctx.store();
      await enqueue(store, 'a', { idempotencyKey: 'ex_1:wait:1' });
      await enqueue(store, 'b', { idempotencyKey: 'ex_1:wait:2' });
      await enqueue(store, 'c', { idempotencyKey: 'exA1:wait:1' });
      await enqueue(store, 'd', { idempotencyKey: 'ex%:wait:1' });
      await enqueue(store, 'e');
      expect(await store.jobs.cancel({ idempotencyKeyPrefix: 'ex_1:' }, at(1))).toBe(2);
      expect(await store.jobs.cancel({ idempotencyKeyPrefix: 'ex%' }, at(1))).toBe(1);
      expect(await store.jobs.cancel({ id: 'e' }, at(1))).toBe(1);
      expect(await store.jobs.cancel({ id: 'e' }, at(2))).toBe(0);
      expect((await store.jobs.list({ status: 'cancelled' })).map((job) => job.id).sort()).toEqual([
        'a',
        'b',
        'd',
        'e',
      ]);
      expect((await claim(store, 'w1', 10)).map((job) => job.id)).toEqual(['c']);
    });

    it('makes the holder of a cancelled job lose its lease', async () => {
      const store = ctx.store();
      await enqueue(store, 'job-1');
      const held = leased((await claim(store, 'w1', 0))[0]);
      expect(await store.jobs.cancel({ id: 'job-1' }, at(1))).toBe(1);
      expect((await store.jobs.complete(held.id, held.token, at(2))).ok).toBe(false);
      expect((await store.jobs.get('job-1'))?.status).toBe('cancelled');
    });

    it('lists jobs for diagnostics by status and kind', async () => {
      const store = ctx.store();
      await enqueue(store, 'a', { runAt: at(20) });
      await enqueue(store, 'b', { runAt: at(10), kind: 'outbox' });
      await enqueue(store, 'c', { runAt: at(30) });
      expect((await store.jobs.list()).map((job) => job.id)).toEqual(['b', 'a', 'c']);
      expect((await store.jobs.list({ kind: 'timer', limit: 1 })).map((job) => job.id)).toEqual(['a']);
      expect(await store.jobs.list({ status: 'running' })).toEqual([]);
    });

    it('counts the unfinished jobs and finds the oldest one a worker could claim', async () => {
      const store = ctx.store();
      expect(await store.jobs.queueStats(at(0))).toEqual({
        pending: 0,
        running: 0,
        due: 0,
        oldestDueAt: null,
      });
      await enqueue(store, 'late', { runAt: at(1_000) });
      await enqueue(store, 'later', { runAt: at(5_000) });
      await enqueue(store, 'future', { runAt: at(60_000) });
      await enqueue(store, 'done', { runAt: at(0) });
      const done = leased((await claim(store, 'w1', 0, 1))[0]);
      await store.jobs.complete(done.id, done.token, at(1));
      expect(await store.jobs.queueStats(at(10_000))).toEqual({
        pending: 3,
        running: 0,
        due: 2,
        oldestDueAt: at(1_000),
      });
      // A leased job is running and not claimable until its lease runs out; finished jobs never count.
      await claim(store, 'w1', 10_000, 1);
      expect(await store.jobs.queueStats(at(10_000))).toEqual({
        pending: 2,
        running: 1,
        due: 1,
        oldestDueAt: at(5_000),
      });
      expect(await store.jobs.queueStats(at(10_000 + LEASE_MS))).toEqual({
        pending: 2,
        running: 1,
        due: 2,
        oldestDueAt: at(1_000),
      });
    });
  });
}
