import { describe, expect, it } from 'vitest';
import type { ExecutionStatus, ExecutionStep } from '../port/execution.types.ts';
import { handoffReasonFromSteps } from '../shared/handoff-steps.ts';
import type { Store } from '../store.port.ts';
import type { ContractContext } from './contract-context.ts';

const DAY_MS = 86_400_000;
const START = Date.parse('2026-08-01T08:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

function steps(startedMs: number): ExecutionStep[] {
  const types: Array<[string, string, string | null, unknown]> = [
    ['start', 'trigger.request_received', 'next', {}],
    ['check', 'logic.condition', 'true', { customer: { phone: '13800001234' } }],
    ['close', 'action.update_ticket', 'next', { config: { status: 'resolved' }, note: 'done' }],
  ];
  return types.map(([nodeId, nodeType, port, input], index) => ({
    seq: index + 1,
    nodeId,
    nodeType,
    visit: 1,
    input: input as ExecutionStep['input'],
    output: { said: `step ${index + 1}` },
    port,
    startedAt: iso(startedMs + index * 1000),
    finishedAt: iso(startedMs + index * 1000 + 500),
    error: null,
  }));
}

/** An execution of flow-r v1 started on `day` (days after START) with three steps; finished `finishedAfterMs` later. */
async function execution(
  store: Store,
  id: string,
  day: number,
  options: { status?: ExecutionStatus; finishedAfterMs?: number | null; withSteps?: boolean } = {},
): Promise<void> {
  const startedMs = START + day * DAY_MS;
  const finishedAfter = options.finishedAfterMs === undefined ? 60_000 : options.finishedAfterMs;
  await store.executions.create({
    id,
    flowId: 'flow-r',
    version: 1,
    status: options.status ?? 'completed',
    currentNodeId: null,
    state: { executionId: id, data: { request: { message: 'keep me' } } },
    startedAt: iso(startedMs),
    updatedAt: iso(startedMs + (finishedAfter ?? 0)),
    finishedAt: finishedAfter === null ? null : iso(startedMs + finishedAfter),
  });
  if (options.withSteps !== false) await store.executions.appendSteps(id, steps(startedMs));
}

async function job(store: Store, id: string, finish: 'complete' | 'dead' | 'cancel' | null, atMs: number) {
  await store.jobs.enqueue({
    id,
    kind: 'execution.timer',
    // An unfinished job is due long after the others, so their claims never take it.
    runAt: iso(finish === null ? atMs + 300 * DAY_MS : atMs),
    payload: { executionId: id, seq: 1 },
    idempotencyKey: `retention:${id}`,
    now: iso(atMs),
  });
  if (finish === null) return;
  if (finish === 'cancel') {
    await store.jobs.cancel({ id }, iso(atMs));
    return;
  }
  const [claimed] = await store.jobs.claimDue({ workerId: 'w', now: iso(atMs), leaseMs: 60_000, limit: 1 });
  expect(claimed?.id).toBe(id);
  const token = claimed?.leaseToken ?? '';
  if (finish === 'complete') await store.jobs.complete(id, token, iso(atMs));
  else await store.jobs.fail(id, token, iso(atMs), { dead: true, error: 'gave up' });
}

/** Retention (issue 17, item 2): step logs of old finished executions and old finished jobs go in batches. */
export function describeRetentionContract(ctx: ContractContext): void {
  describe('retention prune', () => {
    it('takes the steps of executions finished before the cutoff, oldest first, a batch at a time, and keeps their summary', async () => {
      const store = ctx.store();
      await execution(store, 'old-1', 0);
      await execution(store, 'old-2', 1, { status: 'failed' });
      await execution(store, 'old-3', 2, { status: 'cancelled' });
      await execution(store, 'waiting-long', 0, { status: 'waiting', finishedAfterMs: null });
      await execution(store, 'recent', 100);
      const cutoff = iso(START + 50 * DAY_MS);
      const now = iso(START + 140 * DAY_MS);

      expect(await store.executions.succeededStep('old-1', 'start', 1)).toEqual({
        output: { said: 'step 1' },
        port: 'next',
      });
      expect(await store.executions.pruneSteps({ finishedBefore: cutoff, now, limit: 2 })).toBe(2);
      // A kept step's emptied payload is not what the step did.
      expect(await store.executions.succeededStep('old-1', 'start', 1)).toBeNull();
      // Only the first step stays (none of these is a Classify or hand-over step), its payloads gone.
      expect(await store.executions.listSteps('old-1')).toEqual([
        { ...steps(START)[0], input: {}, output: {}, error: null },
      ]);
      expect((await store.executions.listSteps('old-2')).map((step) => step.seq)).toEqual([1]);
      // Oldest first: the third old one waits for the next batch.
      expect(await store.executions.listSteps('old-3')).toHaveLength(3);
      // A pruned step log reads as none in a batch read too.
      expect([...(await store.executions.listStepsOf(['old-1', 'old-2', 'old-3'])).keys()]).toEqual([
        'old-3',
      ]);
      expect(await store.executions.pruneSteps({ finishedBefore: cutoff, now, limit: 2 })).toBe(1);
      expect(await store.executions.pruneSteps({ finishedBefore: cutoff, now, limit: 2 })).toBe(0);
      expect((await store.executions.listSteps('old-3')).map((step) => step.seq)).toEqual([1]);

      const pruned = await store.executions.get('old-2');
      expect(pruned).toMatchObject({
        status: 'failed',
        version: 1,
        startedAt: iso(START + DAY_MS),
        finishedAt: iso(START + DAY_MS + 60_000),
        stepsPrunedAt: now,
        state: { executionId: 'old-2' },
      });
      // Unfinished executions keep their steps however old; recent ones too.
      expect(await store.executions.listSteps('waiting-long')).toHaveLength(3);
      expect(await store.executions.listSteps('recent')).toHaveLength(3);
      expect((await store.executions.get('recent'))?.stepsPrunedAt).toBeUndefined();
      expect((await store.executions.get('waiting-long'))?.stepsPrunedAt).toBeUndefined();
    });

    it('leaves the flow overlay counts as they were', async () => {
      const store = ctx.store();
      for (let day = 0; day < 4; day++) await execution(store, `run-${day}`, day);
      const query = { flowId: 'flow-r', version: 1, from: iso(START - DAY_MS), to: iso(START + 10 * DAY_MS) };
      const before = await store.flowAnalytics.rollup(query);
      expect(before).not.toEqual(
        await store.flowAnalytics.rollup({
          ...query,
          from: iso(START + 20 * DAY_MS),
          to: iso(START + 21 * DAY_MS),
        }),
      );
      expect(
        await store.executions.pruneSteps({
          finishedBefore: iso(START + 30 * DAY_MS),
          now: iso(START + 120 * DAY_MS),
          limit: 10,
        }),
      ).toBe(4);
      expect(await store.flowAnalytics.rollup(query)).toEqual(before);
    });

    it('gives the hand-off steps of many executions, pruned or not, as listSteps has them', async () => {
      const store = ctx.store();
      await execution(store, 'old', 0);
      await execution(store, 'young', 40);
      await store.executions.pruneSteps({
        finishedBefore: iso(START + 30 * DAY_MS),
        now: iso(START + 120 * DAY_MS),
        limit: 10,
      });
      const shapes = await store.executions.handoffStepsOf(['old', 'young', 'old', 'nobody']);
      expect([...shapes.keys()].sort()).toEqual(['old', 'young']);
      for (const id of ['old', 'young']) {
        const listed = await store.executions.listSteps(id);
        expect(shapes.get(id)).toEqual(listed.map((step) => ({ nodeType: step.nodeType, port: step.port })));
      }
      expect((shapes.get('old') ?? []).length).toBeLessThan((shapes.get('young') ?? []).length);
    });

    it('lets a retried execution log new steps after its old ones were pruned', async () => {
      const store = ctx.store();
      await execution(store, 'retried', 0, { status: 'failed' });
      await store.executions.pruneSteps({
        finishedBefore: iso(START + 30 * DAY_MS),
        now: iso(START + 120 * DAY_MS),
        limit: 10,
      });
      const [next] = steps(START + 121 * DAY_MS).slice(1, 2);
      await store.executions.appendSteps('retried', [{ ...(next as ExecutionStep), seq: 4 }]);
      expect((await store.executions.listSteps('retried')).map((step) => step.seq)).toEqual([1, 4]);
    });

    it('never answers succeededStep from a pruned step, even after a retry reopens the execution', async () => {
      const store = ctx.store();
      await execution(store, 'handed', 0, { status: 'failed', withSteps: false });
      const at = (second: number) => iso(START + second * 1000);
      await store.executions.appendSteps('handed', [
        {
          seq: 1,
          nodeId: 'start',
          nodeType: 'trigger.request_received',
          visit: 1,
          input: {},
          output: { ok: 1 },
          port: 'next',
          startedAt: at(0),
          finishedAt: at(1),
          error: null,
        },
        {
          seq: 2,
          nodeId: 'assign',
          nodeType: 'action.assign',
          visit: 1,
          input: {},
          output: {},
          port: null,
          startedAt: at(1),
          finishedAt: at(2),
          error: { code: 'desk.no_agent' },
        },
      ]);
      expect(await store.executions.succeededStep('handed', 'start', 1)).toEqual({
        output: { ok: 1 },
        port: 'next',
      });
      expect(await store.executions.succeededStep('handed', 'assign', 1)).toBeNull();
      expect(
        await store.executions.pruneSteps({
          finishedBefore: iso(START + 30 * DAY_MS),
          now: iso(START + 120 * DAY_MS),
          limit: 10,
        }),
      ).toBe(1);
      // Both steps stay (the first, and a hand-over), payloads emptied and the error gone.
      expect((await store.executions.listSteps('handed')).map((step) => step.nodeId)).toEqual([
        'start',
        'assign',
      ]);
      const pruned = await store.executions.get('handed');
      const reopened = await store.executions.save(
        'handed',
        {
          state: pruned?.state ?? {},
          status: 'running',
          currentNodeId: 'assign',
          updatedAt: at(10),
          finishedAt: null,
        },
        pruned?.revision ?? 0,
      );
      expect(reopened.ok).toBe(true);
      expect(await store.executions.succeededStep('handed', 'assign', 1)).toBeNull();
      expect(await store.executions.succeededStep('handed', 'start', 1)).toBeNull();
    });

    it('clears stepsPrunedAt when a pruned execution is saved unfinished again (a retry), so its new steps can be pruned later', async () => {
      const store = ctx.store();
      await execution(store, 'again', 0, { status: 'failed' });
      const prune = (day: number) =>
        store.executions.pruneSteps({
          finishedBefore: iso(START + day * DAY_MS),
          now: iso(START + (day + 90) * DAY_MS),
          limit: 10,
        });
      expect(await prune(30)).toBe(1);
      const pruned = await store.executions.get('again');
      expect(pruned?.stepsPrunedAt).toBe(iso(START + 120 * DAY_MS));
      const retryAt = START + 121 * DAY_MS;
      const reopened = await store.executions.save(
        'again',
        {
          state: pruned?.state ?? {},
          status: 'running',
          currentNodeId: 'check',
          updatedAt: iso(retryAt),
          finishedAt: null,
        },
        pruned?.revision ?? 0,
      );
      expect(reopened.ok).toBe(true);
      expect((await store.executions.get('again'))?.stepsPrunedAt).toBeUndefined();
      const [next] = steps(retryAt).slice(1, 2);
      await store.executions.appendSteps('again', [{ ...(next as ExecutionStep), seq: 4 }]);
      const running = await store.executions.get('again');
      const finished = await store.executions.save(
        'again',
        {
          state: running?.state ?? {},
          status: 'completed',
          currentNodeId: null,
          updatedAt: iso(retryAt + 60_000),
          finishedAt: iso(retryAt + 60_000),
        },
        running?.revision ?? 0,
      );
      expect(finished.ok).toBe(true);
      // Finishing keeps it unpruned; the new step is in full until the next prune takes it.
      expect((await store.executions.get('again'))?.stepsPrunedAt).toBeUndefined();
      expect((await store.executions.listSteps('again')).at(-1)?.output).toEqual({ said: 'step 2' });
      expect(await prune(200)).toBe(1);
      expect((await store.executions.get('again'))?.stepsPrunedAt).toBe(iso(START + 290 * DAY_MS));
      expect((await store.executions.listSteps('again')).map((step) => step.seq)).toEqual([1]);
    });

    it('keeps what the KPI hand-off reason reads, so the reason after a prune is the one before', async () => {
      const store = ctx.store();
      const logs: Record<string, Array<[string, string | null]>> = {
        asked: [
          ['trigger.request_received', 'next'],
          ['logic.condition', 'true'],
          ['logic.classify', 'ask_human'],
          ['action.create_ticket', 'next'],
          ['action.send_message', 'next'],
        ],
        unsure: [
          ['trigger.request_received', 'next'],
          ['logic.classify', 'low_confidence'],
          ['action.assign', 'next'],
          ['logic.classify', 'human'],
        ],
        ruled: [
          ['trigger.request_received', 'next'],
          ['logic.switch', 'vip'],
          ['action.escalate', 'next'],
        ],
        plain: [
          ['trigger.request_received', 'next'],
          ['action.send_message', 'next'],
        ],
        // A classify step first: the first step and a kept type at once.
        classified: [
          ['logic.classify', 'human'],
          ['action.create_ticket', 'next'],
        ],
      };
      for (const [id, log] of Object.entries(logs)) {
        await execution(store, id, 0, { withSteps: false });
        await store.executions.appendSteps(
          id,
          log.map(([nodeType, port], index) => ({
            seq: index + 1,
            nodeId: `n${index + 1}`,
            nodeType,
            visit: 1,
            input: { customer: { phone: '13800001234' } },
            output: { category: port, said: 'private' },
            port,
            startedAt: iso(START + index * 1000),
            finishedAt: iso(START + index * 1000 + 500),
            error: index === 1 ? { code: 'x' } : null,
          })),
        );
      }
      await execution(store, 'no-log', 0, { withSteps: false });
      const reasons = async () => {
        const out: Record<string, string> = {};
        for (const id of [...Object.keys(logs), 'no-log'])
          out[id] = handoffReasonFromSteps(await store.executions.listSteps(id));
        return out;
      };
      const before = await reasons();
      expect(before).toEqual({
        asked: 'customer_asked',
        unsure: 'low_confidence',
        ruled: 'rule',
        plain: 'rule',
        classified: 'customer_asked',
        'no-log': 'unknown',
      });
      expect(
        await store.executions.pruneSteps({
          finishedBefore: iso(START + 30 * DAY_MS),
          now: iso(START + 120 * DAY_MS),
          limit: 10,
        }),
      ).toBe(6);
      expect(await reasons()).toEqual(before);
      const asked = await store.executions.listSteps('asked');
      expect(asked.map((step) => [step.seq, step.nodeId, step.nodeType, step.port])).toEqual([
        [1, 'n1', 'trigger.request_received', 'next'],
        [3, 'n3', 'logic.classify', 'ask_human'],
        [4, 'n4', 'action.create_ticket', 'next'],
      ]);
      // No customer data stays.
      for (const step of asked) expect([step.input, step.output, step.error]).toEqual([{}, {}, null]);
      expect([...(await store.executions.listStepsOf(Object.keys(logs))).keys()]).toEqual([]);
    });

    it('deletes finished jobs older than the cutoff, oldest first, and never an unfinished one', async () => {
      const store = ctx.store();
      await job(store, 'done-old', 'complete', START);
      await job(store, 'dead-old', 'dead', START + DAY_MS);
      await job(store, 'cancelled-old', 'cancel', START + 2 * DAY_MS);
      await job(store, 'pending-old', null, START + 3 * DAY_MS);
      await job(store, 'done-recent', 'complete', START + 100 * DAY_MS);
      const cutoff = iso(START + 50 * DAY_MS);

      expect(await store.jobs.purgeFinished(cutoff, 2)).toBe(2);
      expect(await store.jobs.get('done-old')).toBeNull();
      expect(await store.jobs.get('dead-old')).toBeNull();
      expect(await store.jobs.get('cancelled-old')).not.toBeNull();
      expect(await store.jobs.purgeFinished(cutoff, 2)).toBe(1);
      expect(await store.jobs.purgeFinished(cutoff, 2)).toBe(0);
      expect((await store.jobs.get('pending-old'))?.status).toBe('pending');
      expect((await store.jobs.get('done-recent'))?.status).toBe('completed');
    });
  });
}
