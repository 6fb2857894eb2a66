import { describe, expect, it } from 'vitest';
import type { ExecutionStatus, ExecutionStep } from '../port/execution.types.ts';
import { isStoreError } from '../port/store-error.ts';
import type { Store } from '../store.port.ts';
import { at, type ContractContext } from './contract-context.ts';

const STATE = { vars: { 客户: '张三', empty: {}, list: [1, 'two', null, { deep: true }] }, cursor: 0 };

function createExecution(
  store: Store,
  id: string,
  options: Partial<{ flowId: string; version: number; status: ExecutionStatus; startedMs: number }> = {},
) {
  return store.executions.create({
    id,
    flowId: options.flowId ?? 'flow-1',
    version: options.version ?? 1,
    status: options.status ?? 'running',
    currentNodeId: 'start',
    state: STATE,
    startedAt: at(options.startedMs ?? 0),
  });
}

function step(seq: number, overrides: Partial<ExecutionStep> = {}): ExecutionStep {
  return {
    seq,
    nodeId: `node-${seq}`,
    nodeType: 'action.createTicket',
    visit: 1,
    input: { seq },
    output: { ticket: `CS20261122${seq}` },
    port: 'out',
    startedAt: at(seq * 10),
    finishedAt: at(seq * 10 + 5),
    ...overrides,
  };
}

export function describeExecutionContract(ctx: ContractContext): void {
  describe('executions', () => {
    it('keeps the state document exactly as given, starting at revision 1', async () => {
      const created = await createExecution(ctx.store(), 'ex-1');
      const read = await ctx.store().executions.get('ex-1');
      expect(read).toEqual(created);
      expect(read).toMatchObject({ revision: 1, status: 'running', updatedAt: at(0), finishedAt: null });
      expect(read?.state).toEqual(STATE);
      expect(await ctx.store().executions.get('missing')).toBeNull();
      const duplicate = await createExecution(ctx.store(), 'ex-1').catch((caught: unknown) => caught);
      expect(isStoreError(duplicate, 'duplicate')).toBe(true);
    });

    it('stores an execution that finished before its first save in one write', async () => {
      const created = await ctx.store().executions.create({
        id: 'ex-done',
        flowId: 'flow-1',
        version: 1,
        status: 'completed',
        currentNodeId: 'end',
        state: STATE,
        startedAt: at(0),
        updatedAt: at(3),
        finishedAt: at(3),
      });
      expect(created).toMatchObject({
        revision: 1,
        status: 'completed',
        updatedAt: at(3),
        finishedAt: at(3),
      });
      expect(await ctx.store().executions.get('ex-done')).toEqual(created);
    });

    it('saves with optimistic concurrency and reports who is ahead', async () => {
      const store = ctx.store();
      await createExecution(store, 'ex-1');
      const next = {
        state: { cursor: 1 },
        status: 'waiting' as const,
        currentNodeId: 'wait',
        updatedAt: at(5),
      };
      expect(await store.executions.save('ex-1', next, 1)).toEqual({ ok: true, revision: 2 });
      expect(await store.executions.save('ex-1', next, 1)).toEqual({
        ok: false,
        reason: 'revision_conflict',
        currentRevision: 2,
      });
      expect(await store.executions.save('missing', next, 1)).toEqual({ ok: false, reason: 'not_found' });
      const done = { ...next, status: 'completed' as const, currentNodeId: null, finishedAt: at(9) };
      expect(await store.executions.save('ex-1', done, 2)).toEqual({ ok: true, revision: 3 });
      expect(await store.executions.get('ex-1')).toMatchObject({
        state: { cursor: 1 },
        status: 'completed',
        currentNodeId: null,
        updatedAt: at(5),
        finishedAt: at(9),
        revision: 3,
      });
    });

    it('lets only one of two concurrent saves of one revision through', async () => {
      const store = ctx.store();
      await createExecution(store, 'ex-1');
      const peer = await ctx.peer();
      const save = (target: Store, cursor: number) =>
        target.executions.save(
          'ex-1',
          { state: { cursor }, status: 'running', currentNodeId: 'n', updatedAt: at(cursor) },
          1,
        );
      const results = await Promise.all([save(store, 1), save(peer, 2), save(store, 3)]);
      expect(results.filter((result) => result.ok)).toHaveLength(1);
      expect((await store.executions.get('ex-1'))?.revision).toBe(2);
    });

    it('appends steps and lists them in sequence order', async () => {
      const store = ctx.store();
      await createExecution(store, 'ex-1');
      await store.executions.appendSteps('ex-1', [
        step(2),
        step(1, { error: { code: 'timeout', message: 'x' } }),
      ]);
      await store.executions.appendSteps('ex-1', [step(3, { port: null, output: null })]);
      const steps = await store.executions.listSteps('ex-1');
      expect(steps.map((entry) => entry.seq)).toEqual([1, 2, 3]);
      expect(steps[0]).toEqual(step(1, { error: { code: 'timeout', message: 'x' } }));
      expect(steps[1]).toEqual({ ...step(2), error: null });
      expect(steps[2]).toMatchObject({ port: null, output: null });
      expect(await store.executions.listSteps('missing')).toEqual([]);
    });

    it('finds what a visit to a node did when it ended without an error', async () => {
      const store = ctx.store();
      await createExecution(store, 'ex-1');
      await store.executions.appendSteps('ex-1', [
        step(1, { nodeId: 'assign', visit: 1, error: { code: 'desk.no_agent', message: 'x' } }),
        step(2, { nodeId: 'assign', visit: 1, output: { ticket: { assignee: 'a1' } }, port: 'next' }),
        step(3, { nodeId: 'assign', visit: 2, output: { 客户: '张三', list: [1, null] }, port: null }),
        step(4, { nodeId: 'note', visit: 1, error: { code: 'desk.no_ticket', message: 'y' } }),
      ]);
      expect(await store.executions.succeededStep('ex-1', 'assign', 1)).toEqual({
        output: { ticket: { assignee: 'a1' } },
        port: 'next',
      });
      expect(await store.executions.succeededStep('ex-1', 'assign', 2)).toEqual({
        output: { 客户: '张三', list: [1, null] },
        port: null,
      });
      // Only failures, another visit, another node, another execution: nothing to answer with.
      expect(await store.executions.succeededStep('ex-1', 'note', 1)).toBeNull();
      expect(await store.executions.succeededStep('ex-1', 'assign', 3)).toBeNull();
      expect(await store.executions.succeededStep('ex-1', 'other', 1)).toBeNull();
      expect(await store.executions.succeededStep('missing', 'assign', 1)).toBeNull();
    });

    it('lists the steps of many executions in one read, each in sequence order', async () => {
      const store = ctx.store();
      await createExecution(store, 'ex-1');
      await createExecution(store, 'ex-2');
      await createExecution(store, 'ex-3');
      await store.executions.appendSteps('ex-1', [step(2), step(1)]);
      await store.executions.appendSteps('ex-2', [step(1, { error: { code: 'timeout', message: 'x' } })]);
      await store.executions.appendSteps('ex-3', [step(1)]);
      const byExecution = await store.executions.listStepsOf(['ex-2', 'ex-1', 'missing', 'ex-1']);
      expect([...byExecution.keys()].sort()).toEqual(['ex-1', 'ex-2']);
      expect(byExecution.get('ex-1')).toEqual(await store.executions.listSteps('ex-1'));
      expect(byExecution.get('ex-1')?.map((entry) => entry.seq)).toEqual([1, 2]);
      expect(byExecution.get('ex-2')).toEqual([step(1, { error: { code: 'timeout', message: 'x' } })]);
      expect((await store.executions.listStepsOf([])).size).toBe(0);
    });

    it('refuses a repeated step number and steps of an unknown execution', async () => {
      const store = ctx.store();
      await createExecution(store, 'ex-1');
      await store.executions.appendSteps('ex-1', [step(1)]);
      const repeated = await store.executions
        .appendSteps('ex-1', [step(1)])
        .catch((caught: unknown) => caught);
      expect(isStoreError(repeated, 'duplicate')).toBe(true);
      const unknown = await store.executions
        .appendSteps('missing', [step(1)])
        .catch((caught: unknown) => caught);
      expect(isStoreError(unknown, 'not_found')).toBe(true);
      expect(await store.executions.listSteps('ex-1')).toHaveLength(1);
    });

    it('appends a long run of steps all together or not at all', async () => {
      const store = ctx.store();
      await createExecution(store, 'ex-1');
      const many = Array.from({ length: 70 }, (_, index) => step(index + 1));
      await store.executions.appendSteps('ex-1', many);
      expect((await store.executions.listSteps('ex-1')).map((entry) => entry.seq)).toEqual(
        many.map((entry) => entry.seq),
      );
      // The 40th step repeats an existing number: the 39 before it must not stay behind.
      const clashing = [...Array.from({ length: 39 }, (_, index) => step(index + 71)), step(5)];
      const refused = await store.executions.appendSteps('ex-1', clashing).catch((caught: unknown) => caught);
      expect(isStoreError(refused, 'duplicate')).toBe(true);
      expect(await store.executions.listSteps('ex-1')).toHaveLength(70);
      await store.executions.appendSteps('ex-1', []);
      expect(await store.executions.listSteps('ex-1')).toHaveLength(70);
    });

    it('filters executions and pages through them newest first without gaps or repeats', async () => {
      const store = ctx.store();
      for (let index = 0; index < 7; index += 1) {
        await createExecution(store, `ex-${index}`, {
          version: index < 4 ? 1 : 2,
          status: index % 3 === 0 ? 'failed' : 'running',
          // ex-6 ties with ex-3 at 3s, across the first page boundary.
          startedMs: index < 6 ? index * 1000 : 3000,
        });
      }
      await createExecution(store, 'other', { flowId: 'flow-2', startedMs: 500 });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await store.executions.list({ flowId: 'flow-1', limit: 3, cursor });
        expect(page.items.length).toBeLessThanOrEqual(3);
        expect(page.items.every((item) => !('state' in item))).toBe(true);
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(['ex-5', 'ex-4', 'ex-6', 'ex-3', 'ex-2', 'ex-1', 'ex-0']);

      const ids = async (query: Parameters<Store['executions']['list']>[0]) =>
        (await store.executions.list(query)).items.map((item) => item.id);
      expect(await ids({ flowId: 'flow-1', version: 2 })).toEqual(['ex-5', 'ex-4', 'ex-6']);
      expect(await ids({ status: 'failed' })).toEqual(['ex-6', 'ex-3', 'ex-0']);
      expect(await ids({ flowId: 'flow-1', status: ['failed', 'running'], limit: 2 })).toEqual([
        'ex-5',
        'ex-4',
      ]);
      expect(await ids({ startedAfter: at(1000), startedBefore: at(3000) })).toEqual(['ex-2', 'ex-1']);
      expect(await ids({})).toHaveLength(8);
    });

    it('counts active executions per flow version', async () => {
      const store = ctx.store();
      await createExecution(store, 'a', { version: 1, status: 'running' });
      await createExecution(store, 'b', { version: 1, status: 'waiting' });
      await createExecution(store, 'c', { version: 2, status: 'running' });
      await createExecution(store, 'd', { version: 2, status: 'completed' });
      await createExecution(store, 'e', { flowId: 'flow-2', status: 'running' });
      await createExecution(store, 'f', { flowId: 'flow-2', status: 'failed' });
      expect(await store.executions.countRunning()).toEqual([
        { flowId: 'flow-1', version: 1, running: 2 },
        { flowId: 'flow-1', version: 2, running: 1 },
        { flowId: 'flow-2', version: 1, running: 1 },
      ]);
      expect(await store.executions.countRunning({ flowId: 'flow-2' })).toEqual([
        { flowId: 'flow-2', version: 1, running: 1 },
      ]);
    });
  });
}
