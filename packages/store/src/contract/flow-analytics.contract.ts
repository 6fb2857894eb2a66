import { describe, expect, it } from 'vitest';
import type { ExecutionStatus, ExecutionStep } from '../port/execution.types.ts';
import type { Store } from '../store.port.ts';
import type { ContractContext } from './contract-context.ts';

const DAY = '2026-11-10';

function step(
  seq: number,
  nodeId: string,
  nodeType: string,
  port: string | null,
  options: { seconds?: number; error?: boolean; input?: ExecutionStep['input'] } = {},
): ExecutionStep {
  const startedAt = new Date(Date.parse(`${DAY}T08:00:00.000Z`) + seq * 1000);
  return {
    seq,
    nodeId,
    nodeType,
    visit: 1,
    input: options.input ?? {},
    output: {},
    port,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date(startedAt.getTime() + (options.seconds ?? 0) * 1000).toISOString(),
    error: options.error ? { code: 'desk.sample_failure', params: {}, retryable: false } : null,
  };
}

async function execution(
  store: Store,
  id: string,
  steps: ExecutionStep[],
  options: { version?: number; day?: string; status?: ExecutionStatus; at?: string | null } = {},
): Promise<void> {
  await store.executions.create({
    id,
    flowId: 'flow-a',
    version: options.version ?? 1,
    status: options.status ?? 'completed',
    currentNodeId: options.at ?? null,
    state: {},
    startedAt: `${options.day ?? DAY}T08:00:00.000Z`,
  });
  // Two appends, as the runtime saves an activity's steps and later a wait's.
  await store.executions.appendSteps(id, steps.slice(0, 2));
  if (steps.length > 2) await store.executions.appendSteps(id, steps.slice(2));
}

const trigger = step(1, 'trigger', 'trigger.request_received', 'next');
const resolve = { config: { status: 'resolved' } };

/** The flow's figures as the rollups count them; the same data on SQLite and MongoDB. */
export async function seedFlowAnalytics(store: Store): Promise<void> {
  // Condition true → assign (hand-off) → escalate (a second hand-off of the same execution).
  await execution(store, 'e1', [
    trigger,
    step(2, 'check', 'logic.condition', 'true'),
    step(3, 'assign', 'action.assign', 'next'),
    step(4, 'escalate', 'action.escalate', 'next'),
  ]);
  // Condition false → resolved by the flow, a wait of 100 s answered, then the end.
  await execution(store, 'e2', [
    trigger,
    step(2, 'check', 'logic.condition', 'false'),
    step(3, 'close', 'action.update_ticket', 'next', { input: resolve }),
    step(4, 'wait', 'timing.wait_for_event', 'received', { seconds: 100 }),
    step(5, 'end', 'action.end', null),
  ]);
  // False again; the wait timed out after 300 s and the failed update is an incident.
  await execution(
    store,
    'e3',
    [
      trigger,
      step(2, 'check', 'logic.condition', 'false'),
      step(3, 'wait', 'timing.wait_for_event', 'timeout', { seconds: 300 }),
      step(4, 'close', 'action.update_ticket', null, { error: true, input: resolve }),
    ],
    { status: 'failed', at: 'close' },
  );
  // Still waiting for the customer; then one cancelled there.
  await execution(store, 'e4', [trigger, step(2, 'check', 'logic.condition', 'false')], {
    status: 'waiting',
    at: 'wait',
  });
  await execution(store, 'e5', [trigger, step(2, 'check', 'logic.condition', 'false')], {
    status: 'cancelled',
    at: 'wait',
  });
  // Another version, and the same version outside the range: neither counts.
  await execution(store, 'v2', [trigger, step(2, 'check', 'logic.condition', 'true')], { version: 2 });
  await execution(store, 'later', [trigger, step(2, 'check', 'logic.condition', 'true')], {
    day: '2026-11-20',
  });
  for (const [id, executionId, score] of [
    ['s1', 'e1', 5],
    ['s2', 'e2', 2],
    ['s3', 'v2', 4],
  ] as const) {
    await store.surveys.create({
      id,
      workspaceId: 'default',
      tokenHash: `hash-${id}`,
      kind: 'csat',
      ticketId: null,
      customerId: null,
      executionId,
      channel: 'email',
      locale: 'en',
      question: '',
      createdAt: `${DAY}T09:00:00.000Z`,
      expiresAt: '2026-12-31T00:00:00.000Z',
    });
    await store.surveys.answer(id, { score, comment: null, answeredAt: `${DAY}T10:00:00.000Z` });
  }
}

function sortBy<T>(rows: T[], key: (row: T) => string): T[] {
  return [...rows].sort((a, b) => key(a).localeCompare(key(b)));
}

export function describeFlowAnalyticsContract(ctx: ContractContext): void {
  describe('flow analytics rollup of one version', () => {
    it('counts exits per step and port, failures, waits, hand-offs, automatic resolutions, CSAT and where executions stopped', async () => {
      const store = ctx.store();
      await seedFlowAnalytics(store);
      const rollup = await store.flowAnalytics.rollup({
        flowId: 'flow-a',
        version: 1,
        from: '2026-11-01T00:00:00.000Z',
        to: '2026-11-16T00:00:00.000Z',
      });
      expect(sortBy(rollup.exits, (exit) => `${exit.nodeId}/${exit.port}`)).toEqual([
        { nodeId: 'assign', port: 'next', runs: 1, failures: 0 },
        { nodeId: 'check', port: 'false', runs: 4, failures: 0 },
        { nodeId: 'check', port: 'true', runs: 1, failures: 0 },
        { nodeId: 'close', port: 'next', runs: 1, failures: 0 },
        { nodeId: 'close', port: null, runs: 1, failures: 1 },
        { nodeId: 'end', port: null, runs: 1, failures: 0 },
        { nodeId: 'escalate', port: 'next', runs: 1, failures: 0 },
        { nodeId: 'trigger', port: 'next', runs: 5, failures: 0 },
        { nodeId: 'wait', port: 'received', runs: 1, failures: 0 },
        { nodeId: 'wait', port: 'timeout', runs: 1, failures: 0 },
      ]);
      // 100 s: 4·log2(100) = 26.6 → bucket 27; 300 s: 4·log2(300) = 32.9 → bucket 33.
      expect(sortBy(rollup.waits, (wait) => String(wait.bucket))).toEqual([
        { nodeId: 'wait', bucket: 27, count: 1 },
        { nodeId: 'wait', bucket: 33, count: 1 },
      ]);
      expect(sortBy(rollup.stopped, (entry) => entry.status)).toEqual([
        { nodeId: 'wait', status: 'cancelled', count: 1 },
        { nodeId: 'close', status: 'failed', count: 1 },
        { nodeId: 'wait', status: 'waiting', count: 1 },
      ]);
      // e1 handed off once (two hand-off steps); e2 resolved by the flow; e3's resolve failed.
      expect(rollup.outcomes).toEqual({ handedOff: 1, autoResolved: 1, csatSum: 7, csatCount: 2 });
    });

    it('counts the same when each execution is created and its steps appended in one transaction', async () => {
      const store = ctx.store();
      // The runtime creates an execution and saves its first steps in the request's transaction.
      await store.transaction((tx) => seedFlowAnalytics(tx as unknown as Store));
      const rollup = await store.flowAnalytics.rollup({
        flowId: 'flow-a',
        version: 1,
        from: '2026-11-01T00:00:00.000Z',
        to: '2026-11-16T00:00:00.000Z',
      });
      expect(
        rollup.exits.map((exit) => `${exit.nodeId}/${exit.port}:${exit.runs}/${exit.failures}`).sort(),
      ).toEqual([
        'assign/next:1/0',
        'check/false:4/0',
        'check/true:1/0',
        'close/next:1/0',
        'close/null:1/1',
        'end/null:1/0',
        'escalate/next:1/0',
        'trigger/next:5/0',
        'wait/received:1/0',
        'wait/timeout:1/0',
      ]);
      expect(rollup.outcomes).toEqual({ handedOff: 1, autoResolved: 1, csatSum: 7, csatCount: 2 });
    });

    it('answers zeros for a version or a range without executions', async () => {
      const store = ctx.store();
      await seedFlowAnalytics(store);
      const empty = await store.flowAnalytics.rollup({
        flowId: 'flow-a',
        version: 3,
        from: '2026-11-01T00:00:00.000Z',
        to: '2026-12-01T00:00:00.000Z',
      });
      expect(empty).toEqual({
        exits: [],
        waits: [],
        stopped: [],
        outcomes: { handedOff: 0, autoResolved: 0, csatSum: 0, csatCount: 0 },
      });
      const later = await store.flowAnalytics.rollup({
        flowId: 'flow-a',
        version: 1,
        from: '2026-11-20T00:00:00.000Z',
        to: '2026-11-21T00:00:00.000Z',
      });
      expect(later.exits.map((exit) => `${exit.nodeId}/${exit.port}:${exit.runs}`).sort()).toEqual([
        'check/true:1',
        'trigger/next:1',
      ]);
    });

    it('counts an execution in the range its start instant falls in, not by its UTC date', async () => {
      const store = ctx.store();
      // 2026-03-01T17:30Z is 01:30 on 2 March in Asia/Shanghai (UTC+8).
      const startedAt = '2026-03-01T17:30:00.000Z';
      await store.executions.create({
        id: 'late',
        flowId: 'flow-a',
        version: 1,
        status: 'waiting',
        currentNodeId: 'wait',
        state: {},
        startedAt,
      });
      await store.executions.appendSteps('late', [
        { ...trigger, startedAt, finishedAt: startedAt },
        { ...step(2, 'check', 'logic.condition', 'true'), startedAt, finishedAt: startedAt },
      ]);
      const shanghaiDay = (from: string, to: string) =>
        store.flowAnalytics.rollup({ flowId: 'flow-a', version: 1, from, to });
      // 2 March in Shanghai: [1 March 16:00Z, 2 March 16:00Z).
      const second = await shanghaiDay('2026-03-01T16:00:00.000Z', '2026-03-02T16:00:00.000Z');
      expect(second.exits.map((exit) => `${exit.nodeId}/${exit.port}:${exit.runs}`).sort()).toEqual([
        'check/true:1',
        'trigger/next:1',
      ]);
      expect(second.stopped).toEqual([{ nodeId: 'wait', status: 'waiting', count: 1 }]);
      // 1 March in Shanghai, although the UTC date is 1 March: nothing.
      const first = await shanghaiDay('2026-02-28T16:00:00.000Z', '2026-03-01T16:00:00.000Z');
      expect(first.exits).toEqual([]);
      expect(first.stopped).toEqual([]);
    });
  });
}
