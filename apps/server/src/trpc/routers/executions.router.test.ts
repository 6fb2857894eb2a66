import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBed, type TestBed } from '../../testing/server-test-kit.ts';

let bed: TestBed;
beforeEach(async () => {
  bed = await createTestBed();
});
afterEach(async () => {
  await bed.close();
});

async function seedExecution(
  id: string,
  flowId: string,
  version: number,
  status: 'running' | 'failed' | 'completed',
  startedAt: string,
) {
  await bed.store.executions.create({ id, flowId, version, status, state: { note: id }, startedAt });
}

describe('executions router', () => {
  it('lists with filters and pages with a cursor', async () => {
    await seedExecution('a', 'flow-1', 1, 'completed', '2026-11-22T07:00:00.000Z');
    await seedExecution('b', 'flow-1', 2, 'failed', '2026-11-22T07:10:00.000Z');
    await seedExecution('c', 'flow-2', 1, 'running', '2026-11-22T07:20:00.000Z');
    const agent = bed.callerAs(bed.users.agent);
    const ids = async (input: Parameters<typeof agent.executions.list>[0]) =>
      (await agent.executions.list(input)).items.map((item) => item.id);
    expect(await ids({})).toEqual(['c', 'b', 'a']);
    expect(await ids({ flowId: 'flow-1' })).toEqual(['b', 'a']);
    expect(await ids({ flowId: 'flow-1', version: 1 })).toEqual(['a']);
    expect(await ids({ status: ['failed', 'running'] })).toEqual(['c', 'b']);
    expect(
      await ids({ startedAfter: '2026-11-22T07:05:00.000Z', startedBefore: '2026-11-22T07:20:00.000Z' }),
    ).toEqual(['b']);
    const first = await agent.executions.list({ limit: 2 });
    expect(first.items.map((item) => item.id)).toEqual(['c', 'b']);
    const second = await agent.executions.list({ limit: 2, cursor: first.nextCursor });
    expect(second.items.map((item) => item.id)).toEqual(['a']);
    expect(second.nextCursor).toBeNull();
  });

  it('names a template flow in both languages in the list and the trace header, for the reader to pick', async () => {
    const graph = {
      nodes: [],
      edges: [],
      settings: { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN' as const, variables: [] },
    };
    const localizedName = { 'zh-CN': '零售：请求受理与分流', en: 'Retail: request intake' };
    await bed.store.flows.create({
      id: 'flow-intake',
      workspaceId: 'default',
      name: localizedName['zh-CN'],
      localizedName,
      draft: graph,
      createdBy: 'template',
      now: '2026-11-22T07:00:00.000Z',
    });
    await seedExecution('a', 'flow-intake', 1, 'completed', '2026-11-22T07:00:00.000Z');
    const agent = bed.callerAs(bed.users.agent);
    expect((await agent.executions.list({})).items[0]).toMatchObject({
      flowName: localizedName['zh-CN'],
      flowLocalizedName: localizedName,
    });
    expect(await agent.executions.get({ id: 'a' })).toMatchObject({ flowLocalizedName: localizedName });
  });

  it('gets an execution with its step log', async () => {
    await seedExecution('a', 'flow-1', 1, 'completed', '2026-11-22T07:00:00.000Z');
    await bed.store.executions.appendSteps('a', [
      {
        seq: 1,
        nodeId: 'trigger',
        nodeType: 'trigger.request_received',
        visit: 1,
        input: { message: 'hi' },
        output: null,
        port: 'next',
        startedAt: '2026-11-22T07:00:00.000Z',
        finishedAt: '2026-11-22T07:00:00.010Z',
      },
    ]);
    const execution = await bed.callerAs(bed.users.agent).executions.get({ id: 'a' });
    expect(execution.state).toEqual({ note: 'a' });
    expect(execution.steps).toMatchObject([
      { seq: 1, nodeId: 'trigger', port: 'next', input: { message: 'hi' } },
    ]);
    await expect(bed.callerAs(bed.users.agent).executions.get({ id: 'nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('says when the retention prune took the step log, and keeps the summary', async () => {
    await bed.store.executions.create({
      id: 'old',
      flowId: 'flow-1',
      version: 3,
      status: 'completed',
      state: { note: 'old' },
      startedAt: '2026-05-01T07:00:00.000Z',
      finishedAt: '2026-05-01T07:05:00.000Z',
    });
    await bed.store.executions.appendSteps('old', [
      {
        seq: 1,
        nodeId: 'trigger',
        nodeType: 'trigger.request_received',
        visit: 1,
        input: { message: 'hi' },
        output: null,
        port: 'next',
        startedAt: '2026-05-01T07:00:00.000Z',
        finishedAt: '2026-05-01T07:00:00.010Z',
      },
    ]);
    const agent = bed.callerAs(bed.users.agent);
    expect((await agent.executions.get({ id: 'old' })).stepsPruned).toBeNull();
    await bed.store.executions.pruneSteps({
      finishedBefore: '2026-08-01T00:00:00.000Z',
      now: '2026-08-02T00:00:00.000Z',
      limit: 10,
    });
    expect(await agent.executions.get({ id: 'old' })).toMatchObject({
      status: 'completed',
      version: 3,
      finishedAt: '2026-05-01T07:05:00.000Z',
      // The first step stays for the KPI hand-off reason, without its data.
      steps: [{ seq: 1, nodeId: 'trigger', port: 'next', input: {}, output: {} }],
      stepsPruned: { at: '2026-08-02T00:00:00.000Z', keptDays: 90 },
    });
  });

  it('asks the runtime to retry, and explains a refusal', async () => {
    bed.runtime.retryAnswers.set('failed-1', { ok: true, executionId: 'failed-1', status: 'running' });
    bed.runtime.retryAnswers.set('done-1', { ok: false, reason: 'not_retryable', status: 'completed' });
    const agent = bed.callerAs(bed.users.agent);
    await expect(agent.executions.retry({ id: 'failed-1' })).resolves.toEqual({
      executionId: 'failed-1',
      status: 'running',
    });
    expect(bed.runtime.retryCalls).toEqual([{ executionId: 'failed-1', by: bed.users.agent.id }]);
    await expect(agent.executions.retry({ id: 'done-1' })).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
    });
    await expect(agent.executions.retry({ id: 'ghost' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(bed.callerAs(bed.users.viewer).executions.retry({ id: 'failed-1' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
