import { describe, expect, it } from 'vitest';
import type { StartShadowRunInput } from '../port/shadow-run.types.ts';
import { at, type ContractContext } from './contract-context.ts';

const input = (id: string, workspaceId = 'ws-1', startedAt = at(0)): StartShadowRunInput => ({
  id,
  workspaceId,
  flowId: 'flow-1',
  total: 120,
  liveVersion: 3,
  draftRevision: 7,
  draftHash: 'hash-7',
  // Keys from a selection come back as written.
  selection: { last: 120, $note: 'x.y' },
  requestedBy: 'user-a',
  startedAt,
});

const STALE_MS = 30_000;
const staleAt = (nowMs: number) => at(nowMs - STALE_MS);

export function describeShadowRunContract(ctx: ContractContext): void {
  describe('shadow runs', () => {
    it('starts a run as running with its facts, and finds it by id', async () => {
      const store = ctx.store();
      const started = await store.shadowRuns.start(input('run-1'), staleAt(0));
      expect(started).toEqual({
        started: true,
        run: {
          ...input('run-1'),
          status: 'running',
          done: 0,
          heartbeatAt: at(0),
          endedAt: null,
          cancelRequested: false,
          error: null,
        },
      });
      expect(await store.shadowRuns.get('run-1')).toEqual(started.started ? started.run : null);
      expect(await store.shadowRuns.get('missing')).toBeNull();
    });

    it('lets one run per workspace run at a time, from any connection', async () => {
      const store = ctx.store();
      const peer = await ctx.peer();
      await store.shadowRuns.start(input('run-1'), staleAt(0));
      const second = await peer.shadowRuns.start(input('run-2', 'ws-1', at(1000)), staleAt(1000));
      expect(second.started).toBe(false);
      if (!second.started) expect(second.running).toMatchObject({ id: 'run-1', requestedBy: 'user-a' });
      expect(await store.shadowRuns.get('run-2')).toBeNull();
      // Another workspace is not blocked.
      expect((await peer.shadowRuns.start(input('run-3', 'ws-2'), staleAt(0))).started).toBe(true);
      // Once the first ended, the next one starts.
      expect(await store.shadowRuns.end('run-1', { status: 'finished', done: 120, at: at(2000) })).toBe(true);
      expect((await peer.shadowRuns.start(input('run-2', 'ws-1', at(3000)), staleAt(3000))).started).toBe(
        true,
      );
    });

    it('two starts at once: exactly one runs', async () => {
      const store = ctx.store();
      const peer = await ctx.peer();
      const results = await Promise.all([
        store.shadowRuns.start(input('run-a'), staleAt(0)),
        peer.shadowRuns.start(input('run-b'), staleAt(0)),
      ]);
      expect(results.filter((result) => result.started)).toHaveLength(1);
    });

    it('ends a run whose heartbeat went stale as interrupted, and lets the next one start', async () => {
      const store = ctx.store();
      await store.shadowRuns.start(input('run-1'), staleAt(0));
      expect(await store.shadowRuns.heartbeat('run-1', 40, at(10_000))).toEqual({ cancelRequested: false });
      // Fresh at 20 s: still blocks.
      expect(
        (await store.shadowRuns.start(input('run-2', 'ws-1', at(20_000)), staleAt(20_000))).started,
      ).toBe(false);
      // 45 s after its last heartbeat, its process is taken for gone.
      const next = await store.shadowRuns.start(input('run-2', 'ws-1', at(55_000)), staleAt(55_000));
      expect(next.started).toBe(true);
      expect(await store.shadowRuns.get('run-1')).toMatchObject({
        status: 'interrupted',
        done: 40,
        endedAt: at(55_000),
      });
      // Its process, if it was only slow, learns it must stop.
      expect(await store.shadowRuns.heartbeat('run-1', 50, at(56_000))).toBeNull();
      expect(await store.shadowRuns.end('run-1', { status: 'finished', done: 120, at: at(57_000) })).toBe(
        false,
      );
    });

    it('interrupts stale runs by id or all of them, never fresh ones', async () => {
      const store = ctx.store();
      await store.shadowRuns.start(input('run-1'), staleAt(0));
      await store.shadowRuns.start(input('run-2', 'ws-2'), staleAt(0));
      await store.shadowRuns.heartbeat('run-2', 5, at(40_000));
      expect(await store.shadowRuns.interruptStale(staleAt(45_000), at(45_000), ['run-2'])).toBe(0);
      expect(await store.shadowRuns.interruptStale(staleAt(45_000), at(45_000), [])).toBe(0);
      expect(await store.shadowRuns.interruptStale(staleAt(45_000), at(45_000))).toBe(1);
      expect((await store.shadowRuns.get('run-1'))?.status).toBe('interrupted');
      expect((await store.shadowRuns.get('run-2'))?.status).toBe('running');
      expect(await store.shadowRuns.interruptStale(at(99_999_999), at(46_000), ['run-2'])).toBe(1);
      expect((await store.shadowRuns.get('run-2'))?.status).toBe('interrupted');
    });

    it('takes a cancel from any connection, which the running process reads at its next heartbeat', async () => {
      const store = ctx.store();
      const peer = await ctx.peer();
      await store.shadowRuns.start(input('run-1'), staleAt(0));
      expect(await peer.shadowRuns.requestCancel('run-1')).toMatchObject({
        status: 'running',
        cancelRequested: true,
      });
      expect(await store.shadowRuns.heartbeat('run-1', 60, at(1000))).toEqual({ cancelRequested: true });
      expect(await store.shadowRuns.end('run-1', { status: 'cancelled', done: 60, at: at(1500) })).toBe(true);
      expect(await store.shadowRuns.get('run-1')).toMatchObject({
        status: 'cancelled',
        done: 60,
        endedAt: at(1500),
      });
      // Cancelling an ended run changes nothing; a missing one is null.
      expect(await peer.shadowRuns.requestCancel('run-1')).toMatchObject({
        status: 'cancelled',
        cancelRequested: true,
      });
      expect(await peer.shadowRuns.requestCancel('missing')).toBeNull();
    });

    it('keeps why a run failed as a code with params', async () => {
      const store = ctx.store();
      await store.shadowRuns.start(input('run-1'), staleAt(0));
      const error = { code: 'shadow_run_crashed', params: { reason: 'boom' } };
      expect(await store.shadowRuns.end('run-1', { status: 'failed', done: 3, at: at(500), error })).toBe(
        true,
      );
      expect(await store.shadowRuns.get('run-1')).toMatchObject({ status: 'failed', done: 3, error });
      await expect(store.shadowRuns.start(input('run-1'), staleAt(0))).rejects.toMatchObject({
        code: 'duplicate',
      });
    });
  });
}
