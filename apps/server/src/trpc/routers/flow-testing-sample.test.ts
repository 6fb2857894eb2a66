import type { FlowGraph } from '@flowdesk/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBed, type TestBed } from '../../testing/server-test-kit.ts';

/**
 * Both test runs (one flow, all live flows) see a sample as intake would see
 * the same request: its language detected from the message, and the customer
 * it comes from (picked or set by hand) read the same way.
 */

const SETTINGS = { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN' as const, variables: [] };
const at = { x: 0, y: 0 };

/** Request (entry conditions optional) → a reply in the customer's language. */
function replyGraph(entry?: unknown): FlowGraph {
  return {
    nodes: [
      {
        id: 'start',
        type: 'trigger.request_received',
        config: { channels: [], ...(entry ? { entry } : {}) },
        position: at,
      },
      {
        id: 'hello',
        type: 'action.send_message',
        config: { channel: 'reply', body: { 'zh-CN': '您好', en: 'Hello' } },
        position: at,
      },
    ],
    edges: [{ id: 'e1', source: 'start', sourcePort: 'next', target: 'hello' }],
    settings: SETTINGS,
  };
}

const group = (field: string, operator: string, value: unknown) => ({
  kind: 'group',
  combinator: 'all',
  children: [{ kind: 'rule', field, operator, value }],
});

const english = { request: { channel: 'email', message: 'Hello, my parcel has not arrived yet.' } };

let bed: TestBed;
beforeEach(async () => {
  bed = await createTestBed();
});
afterEach(() => bed.close());

describe('test runs detect the language of the request as intake does', () => {
  it('answers an English message in English when the sample does not say its language', async () => {
    const editor = bed.callerAs(bed.users.editor);
    const single = await editor.flows.testRun({ graph: replyGraph(), data: english });
    expect(single.effects.map((effect) => effect.summary)).toEqual(['reply: Hello']);

    const flow = await editor.flows.create({ name: 'Reply', graph: replyGraph() });
    await editor.flows.publish({ id: flow.id });
    const live = await editor.flows.testRunLive({ data: english });
    const [entry] = live.flows;
    expect(entry?.started && entry.outcome.effects.map((effect) => effect.summary)).toEqual(['reply: Hello']);
  });

  it('lets entry conditions read the detected language', async () => {
    const editor = bed.callerAs(bed.users.editor);
    const graph = replyGraph(group('request.locale', 'equals', 'en'));
    const result = await editor.flows.testRun({ graph, data: english });
    expect(result.status).toBe('completed');
    expect(result).not.toHaveProperty('notStarted');
  });

  it('keeps the language the sender gave over the detected one', async () => {
    const data = { request: { ...english.request, customer: { locale: 'zh-CN' } } };
    const result = await bed.callerAs(bed.users.editor).flows.testRun({ graph: replyGraph(), data });
    expect(result.effects.map((effect) => effect.summary)).toEqual(['reply: 您好']);
  });
});

/** Request → identify the customer, so the run shows which profile the flow found. */
function identifyGraph(entry: unknown): FlowGraph {
  return {
    nodes: [
      { id: 'start', type: 'trigger.request_received', config: { channels: [], entry }, position: at },
      {
        id: 'who',
        type: 'action.identify_customer',
        config: { by: ['phone', 'email'], createIfMissing: true },
        position: at,
      },
    ],
    edges: [{ id: 'e1', source: 'start', sourcePort: 'next', target: 'who' }],
    settings: SETTINGS,
  };
}

describe('run all live flows takes the customer as the single test run does', () => {
  const request = { channel: 'web_form', message: '我要退货', customer: { name: '李娜' } };

  async function publish(name: string, graph: FlowGraph): Promise<void> {
    const editor = bed.callerAs(bed.users.editor);
    const flow = await editor.flows.create({ name, graph });
    await editor.flows.publish({ id: flow.id });
  }

  it('starts the same flows for a picked customer, a profile set by hand and no customer', async () => {
    await bed.store.customers.create({
      id: 'cust-1',
      workspaceId: 'default',
      name: '王芳',
      vipLevel: 4,
      tags: ['金卡'],
      identities: [{ kind: 'email', value: 'wang@example.com' }],
      now: '2026-11-01T00:00:00.000Z',
    });
    await publish('VIP', identifyGraph(group('customer.vipLevel', 'gte', 3)));
    await publish('First contact', identifyGraph(group('customer.isNew', 'equals', true)));
    const editor = bed.callerAs(bed.users.editor);
    const started = async (customer?: Record<string, unknown>) => {
      const live = await editor.flows.testRunLive({ data: { request }, ...(customer ? { customer } : {}) });
      const single = await Promise.all(
        [
          identifyGraph(group('customer.vipLevel', 'gte', 3)),
          identifyGraph(group('customer.isNew', 'equals', true)),
        ].map((graph) =>
          editor.flows.testRun({ graph, data: { request }, ...(customer ? { customer } : {}) }),
        ),
      );
      // The single test run of each flow agrees with the run of all live flows.
      expect(single.map((run) => run.status !== 'not_started')).toEqual(
        live.flows.map((flow) => flow.started),
      );
      return live;
    };

    const picked = await started({ customerId: 'cust-1' });
    expect(picked.flows.map((flow) => [flow.name, flow.started])).toEqual([
      ['VIP', true],
      ['First contact', false],
    ]);
    // The flow's own identify step finds the picked profile, with the name the request gives on top.
    const [vip] = picked.flows;
    expect(vip?.started && vip.outcome.steps[1]?.output).toMatchObject({
      customer: { id: 'cust-1', vipLevel: 4, tags: ['金卡'] },
    });

    const byHand = await started({ vipLevel: 5, requestCount: 3 });
    expect(byHand.flows.map((flow) => flow.started)).toEqual([true, false]);

    const nobody = await started();
    expect(nobody.flows.map((flow) => flow.started)).toEqual([false, true]);

    await expect(
      editor.flows.testRunLive({ data: { request }, customer: { customerId: 'nobody' } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
