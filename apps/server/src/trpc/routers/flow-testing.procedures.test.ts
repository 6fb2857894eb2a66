import type { FlowGraph } from '@flowdesk/model';
import { TRPCError } from '@trpc/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBed, type TestBed, unfinishedGraph } from '../../testing/server-test-kit.ts';

const SETTINGS = { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN' as const, variables: [] };

/** Request → VIP? → yes: reply, then wait a day → a second reply. */
function vipGraph(): FlowGraph {
  const at = { x: 0, y: 0 };
  return {
    nodes: [
      { id: 'start', type: 'trigger.request_received', config: { channels: [] }, position: at },
      {
        id: 'vip',
        type: 'logic.condition',
        config: {
          mode: 'rules',
          rules: {
            kind: 'group',
            combinator: 'all',
            children: [{ kind: 'rule', field: 'request.customFields.vip', operator: 'equals', value: true }],
          },
        },
        position: at,
      },
      {
        id: 'hello',
        type: 'action.send_message',
        config: { channel: 'reply', body: { 'zh-CN': '尊敬的 {{ request.customer.name }}，您好', en: 'Hi' } },
        position: at,
      },
      {
        id: 'wait',
        type: 'timing.wait',
        config: { mode: 'duration', duration: { amount: 1, unit: 'days' } },
        position: at,
      },
      {
        id: 'again',
        type: 'action.send_message',
        config: { channel: 'reply', body: { 'zh-CN': '问题解决了吗？', en: 'Solved?' } },
        position: at,
      },
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'next', target: 'vip' },
      { id: 'e2', source: 'vip', sourcePort: 'true', target: 'hello' },
      { id: 'e3', source: 'hello', sourcePort: 'next', target: 'wait' },
      { id: 'e4', source: 'wait', sourcePort: 'next', target: 'again' },
    ],
    settings: SETTINGS,
  };
}

const sample = (vip: boolean) => ({
  request: { channel: 'api', message: '你好', customer: { name: '李雷' }, customFields: { vip } },
});

describe('flows.testRun', () => {
  let bed: TestBed;
  beforeEach(async () => {
    bed = await createTestBed();
  });
  afterEach(() => bed.close());

  it('runs a graph with simulated steps, fast-forwarding waits, and sends nothing', async () => {
    const result = await bed
      .callerAs(bed.users.editor)
      .flows.testRun({ graph: vipGraph(), data: sample(true) });
    expect(result.status).toBe('completed');
    expect(result.steps.map((step) => [step.nodeId, step.port])).toEqual([
      ['start', 'next'],
      ['vip', 'true'],
      ['hello', 'next'],
      ['wait', 'next'],
      ['again', 'next'],
    ]);
    expect(result.effects.map((effect) => effect.summary)).toEqual([
      'reply: 尊敬的 李雷，您好',
      'reply: 问题解决了吗？',
    ]);
    expect((await bed.store.executions.list()).items).toHaveLength(0);
    expect(await bed.store.jobs.list()).toHaveLength(0);
  });

  it('shows a message exactly as a customer without a name would get it, and the missing field apart', async () => {
    const nameless = {
      request: { channel: 'api', message: '你好', customer: {}, customFields: { vip: true } },
    };
    const result = await bed.callerAs(bed.users.editor).flows.testRun({ graph: vipGraph(), data: nameless });
    expect(result.effects[0]).toEqual({
      nodeId: 'hello',
      kind: 'message',
      summary: 'reply: 尊敬的 ，您好',
      missing: ['request.customer.name'],
    });
    expect(result.effects[1]).not.toHaveProperty('missing');
  });

  it('takes the other branch for other data, and tests the stored draft by id', async () => {
    const created = await bed.callerAs(bed.users.editor).flows.create({ name: 'VIP', graph: vipGraph() });
    const result = await bed
      .callerAs(bed.users.editor)
      .flows.testRun({ id: created.id, data: sample(false) });
    expect(result.steps.map((step) => step.nodeId)).toEqual(['start', 'vip']);
    expect(result.effects).toEqual([]);
    // A test run evaluates what is written in the flow: viewers read flows but may not run them.
    await expect(
      bed.callerAs(bed.users.viewer).flows.testRun({ id: created.id, data: sample(false) }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses a graph that still has errors, in the caller language', async () => {
    const error = await bed
      .callerAs(bed.users.editor)
      .flows.testRun({ graph: unfinishedGraph(), data: sample(true) })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('PRECONDITION_FAILED');
    expect((error as TRPCError).message).toContain('test run');
  });
});
