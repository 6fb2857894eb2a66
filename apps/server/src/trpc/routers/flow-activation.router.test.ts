import type { FlowGraph } from '@flowdesk/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBed, publishableGraph, type TestBed } from '../../testing/server-test-kit.ts';

let bed: TestBed;
beforeEach(async () => {
  bed = await createTestBed();
});
afterEach(async () => {
  await bed.close();
});

/** The publishable graph with its request trigger's config replaced. */
function withTrigger(config: Record<string, unknown>): FlowGraph {
  const graph = publishableGraph();
  return {
    ...graph,
    nodes: graph.nodes.map((node) => (node.type === 'trigger.request_received' ? { ...node, config } : node)),
  };
}

describe('flow on/off switch and order', () => {
  it('lists flows on and in creation order, turns one off and moves another, with audit entries', async () => {
    const editor = bed.callerAs(bed.users.editor);
    const first = await editor.flows.create({ name: '售前咨询' });
    const second = await editor.flows.create({ name: 'Complaints' });
    const positions = async () =>
      (await editor.flows.list())
        .sort((a, b) => a.position - b.position)
        .map((flow) => [flow.name, flow.enabled]);
    expect(await positions()).toEqual([
      ['售前咨询', true],
      ['Complaints', true],
    ]);

    await expect(editor.flows.setEnabled({ id: first.id, enabled: false })).resolves.toEqual({
      ok: true,
      enabled: false,
    });
    await expect(editor.flows.move({ id: second.id, direction: 'up' })).resolves.toEqual({
      ok: true,
      moved: true,
    });
    await expect(editor.flows.move({ id: second.id, direction: 'up' })).resolves.toEqual({
      ok: true,
      moved: false,
    });
    expect(await positions()).toEqual([
      ['Complaints', true],
      ['售前咨询', false],
    ]);
    expect(bed.runtime.flowsChangedCalls).toBe(2);

    const entries = (await bed.callerAs(bed.users.admin).audit.list()).items;
    expect(entries.map((entry) => [entry.action, entry.target, entry.actor.id, entry.details])).toEqual([
      ['flow.move', `flow:${second.id}`, 'user-editor', { name: 'Complaints', direction: 'up' }],
      ['flow.disable', `flow:${first.id}`, 'user-editor', { name: '售前咨询' }],
    ]);
  });

  it('lets only editors switch or move flows, and answers NOT_FOUND for an unknown flow', async () => {
    const { id } = await bed.callerAs(bed.users.editor).flows.create({ name: 'Returns' });
    const viewer = bed.callerAs(bed.users.viewer);
    await expect(viewer.flows.setEnabled({ id, enabled: false })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(viewer.flows.move({ id, direction: 'down' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const editor = bed.callerAs(bed.users.editor);
    await expect(editor.flows.setEnabled({ id: 'missing', enabled: true })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('flows.overlaps', () => {
  it('names the live flows that would also start, leaving out flows turned off or on other channels', async () => {
    const editor = bed.callerAs(bed.users.editor);
    const demo = await editor.flows.create({ name: 'Demo intake', graph: withTrigger({ channels: [] }) });
    const wechat = await editor.flows.create({
      name: 'WeChat',
      graph: withTrigger({ channels: ['wechat'] }),
    });
    const paused = await editor.flows.create({ name: 'Paused', graph: withTrigger({ channels: [] }) });
    for (const flow of [demo, wechat, paused]) await editor.flows.publish({ id: flow.id });
    await editor.flows.setEnabled({ id: paused.id, enabled: false });

    const mine = await editor.flows.create({ name: 'New', graph: withTrigger({ channels: ['email'] }) });
    expect(await editor.flows.overlaps({ id: mine.id })).toEqual({
      hiddenBy: null,
      alsoStart: [{ flowId: demo.id, name: 'Demo intake', order: 'before', exclusive: false }],
    });

    await editor.flows.updateDraft({
      id: demo.id,
      graph: withTrigger({ channels: [], exclusive: true }),
      expectedRevision: 1,
    });
    await editor.flows.publish({ id: demo.id });
    expect(await editor.flows.overlaps({ id: mine.id })).toEqual({
      hiddenBy: { flowId: demo.id, name: 'Demo intake' },
      alsoStart: [],
    });
  });
});

describe('flows.testRunLive', () => {
  it('shows every live flow a sample would start, and the ones an exclusive flow kept out', async () => {
    const editor = bed.callerAs(bed.users.editor);
    const vip = await editor.flows.create({
      name: 'VIP',
      graph: withTrigger({
        channels: [],
        exclusive: true,
        entry: {
          kind: 'group',
          combinator: 'all',
          children: [{ kind: 'rule', field: 'customer.vipLevel', operator: 'gte', value: 3 }],
        },
      }),
    });
    const everyone = await editor.flows.create({ name: 'Everyone', graph: withTrigger({ channels: [] }) });
    for (const flow of [vip, everyone]) await editor.flows.publish({ id: flow.id });

    const request = { channel: 'web_form', message: '我要退货', customer: { name: '李娜' } };
    // The customer is given as for a single test run: here a profile set by hand.
    const vipRun = await editor.flows.testRunLive({ data: { request }, customer: { vipLevel: 4 } });
    expect(vipRun.trigger).toBe('trigger.request_received');
    expect(
      vipRun.flows.map((flow) => [flow.name, flow.started, flow.started ? flow.outcome.status : flow.reason]),
    ).toEqual([
      ['VIP', true, 'completed'],
      ['Everyone', false, 'after_exclusive'],
    ]);
    const plainRun = await editor.flows.testRunLive({ data: { request } });
    expect(plainRun.flows.map((flow) => [flow.name, flow.started])).toEqual([
      ['VIP', false],
      ['Everyone', true],
    ]);
    await expect(editor.flows.testRunLive({ data: {} })).rejects.toMatchObject({
      code: 'UNPROCESSABLE_CONTENT',
    });
  });
});
