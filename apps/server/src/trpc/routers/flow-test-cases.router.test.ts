import type { FlowGraph } from '@flowdesk/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBed, type TestBed } from '../../testing/server-test-kit.ts';

const SETTINGS = { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN' as const, variables: [] };
const at = { x: 0, y: 0 };

/** Request → who is it? → VIP level at least `threshold`? → VIP team / everyone else. */
function vipGraph(threshold = 3, entryVipAtLeast?: number): FlowGraph {
  return {
    nodes: [
      {
        id: 'start',
        type: 'trigger.request_received',
        config: {
          channels: [],
          ...(entryVipAtLeast === undefined
            ? {}
            : {
                entry: {
                  kind: 'group',
                  combinator: 'all',
                  children: [
                    { kind: 'rule', field: 'customer.vipLevel', operator: 'gte', value: entryVipAtLeast },
                  ],
                },
              }),
        },
        position: at,
      },
      { id: 'who', type: 'action.identify_customer', config: {}, position: at },
      {
        id: 'vip',
        type: 'logic.condition',
        config: {
          mode: 'rules',
          rules: {
            kind: 'group',
            combinator: 'all',
            children: [{ kind: 'rule', field: 'customer.vipLevel', operator: 'gte', value: threshold }],
          },
        },
        position: at,
      },
      {
        id: 'vip-team',
        type: 'action.send_message',
        config: {
          channel: 'reply',
          body: { 'zh-CN': 'VIP 专席为您服务，{{ customer.name }}', en: 'VIP desk' },
        },
        position: at,
      },
      {
        id: 'everyone',
        type: 'action.send_message',
        config: { channel: 'reply', body: { 'zh-CN': '我们已收到', en: 'Received' } },
        position: at,
      },
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'next', target: 'who' },
      { id: 'e2', source: 'who', sourcePort: 'next', target: 'vip' },
      { id: 'e3', source: 'vip', sourcePort: 'true', target: 'vip-team' },
      { id: 'e4', source: 'vip', sourcePort: 'false', target: 'everyone' },
    ],
    settings: SETTINGS,
  };
}

const request = {
  channel: 'web_form',
  message: '我要退货',
  customer: { name: '李娜', phone: '13812345678' },
  receivedAt: '2026-11-22T02:00:00.000Z',
};
const path = (steps: readonly { nodeId: string; port?: string | undefined }[]) =>
  steps.map((step) => `${step.nodeId}:${step.port ?? ''}`);

let bed: TestBed;
beforeEach(async () => {
  bed = await createTestBed();
});
afterEach(() => bed.close());

describe('flows.testRun with a customer', () => {
  it('takes the VIP branch for a VIP profile and the other for a regular one', async () => {
    const editor = bed.callerAs(bed.users.editor);
    const vip = await editor.flows.testRun({
      graph: vipGraph(),
      data: { request },
      customer: { vipLevel: 3 },
    });
    expect(path(vip.steps)).toEqual(['start:next', 'who:next', 'vip:true', 'vip-team:next']);
    expect(vip.effects.map((effect) => effect.summary)).toEqual(['reply: VIP 专席为您服务，李娜']);
    const who = vip.steps.find((step) => step.nodeId === 'who');
    // Shaped like the live lookup's answer; the phone is masked for an editor like any answer.
    expect(who?.output).toMatchObject({
      customer: { vipLevel: 3, tags: [], requestCount: 1, isNew: true, name: '李娜', phone: '*******5678' },
    });

    const regular = await editor.flows.testRun({
      graph: vipGraph(),
      data: { request },
      customer: { vipLevel: 0, tags: ['老客户'], requestCount: 12 },
    });
    expect(path(regular.steps)).toEqual(['start:next', 'who:next', 'vip:false', 'everyone:next']);
    expect(regular.steps[1]?.output).toMatchObject({
      customer: { vipLevel: 0, tags: ['老客户'], requestCount: 13, isNew: false },
    });
  });

  it('uses an existing customer’s stored profile, and says when none exists', async () => {
    await bed.store.customers.create({
      id: 'cust-1',
      workspaceId: 'default',
      name: '王芳',
      vipLevel: 4,
      tags: ['金卡'],
      identities: [{ kind: 'email', value: 'wang@example.com' }],
      now: '2026-11-01T00:00:00.000Z',
    });
    const editor = bed.callerAs(bed.users.editor);
    const run = await editor.flows.testRun({
      graph: vipGraph(),
      data: { request },
      customer: { customerId: 'cust-1' },
    });
    expect(path(run.steps)).toContain('vip:true');
    expect(run.steps[1]?.output).toMatchObject({ customer: { id: 'cust-1', name: '王芳', tags: ['金卡'] } });
    // What is set by hand wins over the stored profile.
    const lowered = await editor.flows.testRun({
      graph: vipGraph(),
      data: { request },
      customer: { customerId: 'cust-1', vipLevel: 1 },
    });
    expect(path(lowered.steps)).toContain('vip:false');
    await expect(
      editor.flows.testRun({ graph: vipGraph(), data: { request }, customer: { customerId: 'nobody' } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('does not start a flow whose entry conditions turn the customer away, as live', async () => {
    const editor = bed.callerAs(bed.users.editor);
    const refused = await editor.flows.testRun({
      graph: vipGraph(3, 2),
      data: { request },
      customer: { vipLevel: 1 },
    });
    expect(refused).toMatchObject({ status: 'not_started', notStarted: 'conditions', steps: [] });
    const admitted = await editor.flows.testRun({
      graph: vipGraph(3, 2),
      data: { request },
      customer: { vipLevel: 2 },
    });
    expect(admitted.status).toBe('completed');
    expect('notStarted' in admitted).toBe(false);
  });
});

describe('saved test cases', () => {
  async function flowWithCases() {
    const editor = bed.callerAs(bed.users.editor);
    const flow = await editor.flows.create({ name: 'Returns', graph: vipGraph() });
    await editor.flows.saveTestCase({
      id: flow.id,
      name: 'VIP 客户',
      sample: { data: { request }, customer: { vipLevel: 3 } },
    });
    await editor.flows.saveTestCase({
      id: flow.id,
      name: 'Regular customer',
      sample: { data: { request }, customer: { vipLevel: 0 } },
    });
    return flow;
  }

  it('are kept per flow on the server and shared with everyone in the workspace', async () => {
    const flow = await flowWithCases();
    for (const role of ['admin', 'editor', 'viewer'] as const) {
      const cases = await bed.callerAs(bed.users[role]).flows.testCases({ id: flow.id });
      expect(cases.map((entry) => [entry.name, entry.expected])).toEqual([
        [
          'VIP 客户',
          {
            path: [
              { nodeId: 'start', port: 'next' },
              { nodeId: 'who', port: 'next' },
              { nodeId: 'vip', port: 'true' },
              { nodeId: 'vip-team', port: 'next' },
            ],
            status: 'completed',
          },
        ],
        ['Regular customer', expect.objectContaining({ status: 'completed' })],
      ]);
    }
    // Sample contacts are masked for every role, admins included.
    const [first] = await bed.callerAs(bed.users.viewer).flows.testCases({ id: flow.id });
    expect(JSON.stringify(first?.sample)).toContain('*******5678');
    const forAdmin = await bed.callerAs(bed.users.admin).flows.testCases({ id: flow.id });
    expect(JSON.stringify(forAdmin[0]?.sample)).toContain('*******5678');
    expect(JSON.stringify(forAdmin[0]?.sample)).not.toContain('13812345678');
  });

  it('are saved and deleted by editors and admins, never viewers', async () => {
    const flow = await flowWithCases();
    const viewer = bed.callerAs(bed.users.viewer);
    await expect(
      viewer.flows.saveTestCase({ id: flow.id, name: 'mine', sample: { data: { request } } }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const [vip] = await viewer.flows.testCases({ id: flow.id });
    await expect(viewer.flows.deleteTestCase({ id: flow.id, caseId: vip?.id ?? '' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await bed.callerAs(bed.users.admin).flows.deleteTestCase({ id: flow.id, caseId: vip?.id ?? '' });
    expect((await viewer.flows.testCases({ id: flow.id })).map((entry) => entry.name)).toEqual([
      'Regular customer',
    ]);
    await expect(
      bed.callerAs(bed.users.editor).flows.deleteTestCase({ id: flow.id, caseId: vip?.id ?? '' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('"run all" passes on the flow they were saved on and says where a changed flow turns off', async () => {
    const flow = await flowWithCases();
    const editor = bed.callerAs(bed.users.editor);
    expect(await editor.flows.runTestCases({ id: flow.id })).toMatchObject({ passed: 2, total: 2 });
    const run = await editor.flows.runTestCases({ id: flow.id, graph: vipGraph(5) });
    expect(run).toMatchObject({ passed: 1, total: 2 });
    expect(run.results[0]).toMatchObject({
      name: 'VIP 客户',
      passed: false,
      divergence: {
        index: 2,
        expected: { nodeId: 'vip', port: 'true' },
        actual: { nodeId: 'vip', port: 'false' },
      },
    });
    expect(run.results[1]).toMatchObject({ name: 'Regular customer', passed: true, divergence: null });
  });
});

describe('publishing with saved test cases', () => {
  async function brokenDraft() {
    const editor = bed.callerAs(bed.users.editor);
    const flow = await editor.flows.create({ name: 'Returns', graph: vipGraph() });
    await editor.flows.saveTestCase({
      id: flow.id,
      name: 'VIP 客户',
      sample: { data: { request }, customer: { vipLevel: 3 } },
    });
    await editor.flows.updateDraft({ id: flow.id, graph: vipGraph(5), expectedRevision: 1 });
    return flow;
  }

  it('publishes when every case passes', async () => {
    const editor = bed.callerAs(bed.users.editor);
    const flow = await editor.flows.create({ name: 'Returns', graph: vipGraph() });
    await editor.flows.saveTestCase({
      id: flow.id,
      name: 'VIP',
      sample: { data: { request }, customer: { vipLevel: 3 } },
    });
    expect((await editor.flows.publish({ id: flow.id })).version).toBe(1);
  });

  it('is refused while a case fails, naming it, and an editor cannot override', async () => {
    const flow = await brokenDraft();
    const editor = bed.callerAs(bed.users.editor);
    const refused = await editor.flows.publish({ id: flow.id }).catch((error: unknown) => error);
    expect(refused).toMatchObject({
      code: 'PRECONDITION_FAILED',
      cause: {
        code: 'publish_tests_failed',
        messages: {
          'zh-CN': expect.stringContaining('「VIP 客户」'),
          en: expect.stringContaining('1 test case(s) failed'),
        },
        extra: { failingCases: [expect.objectContaining({ name: 'VIP 客户', passed: false })] },
      },
    });
    await expect(editor.flows.publish({ id: flow.id, override: { note: 'hotfix' } })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      cause: { code: 'publish_override_admins_only' },
    });
    expect(await bed.store.versions.latest(flow.id)).toBeNull();
  });

  it('lets an admin publish anyway with a note, kept in the audit log and the version', async () => {
    const flow = await brokenDraft();
    const admin = bed.callerAs(bed.users.admin);
    const published = await admin.flows.publish({
      id: flow.id,
      note: 'VIP threshold raised',
      override: { note: 'VIP 门槛按运营要求调到 5，用例稍后更新' },
    });
    expect(published.version).toBe(1);
    const [entry] = (await admin.audit.list({ action: 'flow.publish' })).items;
    expect(entry?.details).toMatchObject({
      version: 1,
      overrideNote: 'VIP 门槛按运营要求调到 5，用例稍后更新',
      failingCases: ['VIP 客户'],
    });
    expect(entry?.actor).toMatchObject({ id: 'user-admin' });
    const version = await bed.store.versions.get(flow.id, 1);
    expect(version?.note).toBe(
      'VIP threshold raised\nPublished with failing test cases: VIP 门槛按运营要求调到 5，用例稍后更新',
    );
  });
});

describe('customers.search, for picking whom a sample comes from', () => {
  it('finds customers by part of a name or a whole contact, masked for editors, and is not for viewers', async () => {
    await bed.store.customers.create({
      id: 'cust-1',
      workspaceId: 'default',
      name: '王芳',
      vipLevel: 4,
      identities: [{ kind: 'phone', value: '13912345678' }],
      now: '2026-11-01T00:00:00.000Z',
    });
    const editor = bed.callerAs(bed.users.editor);
    const [found] = await editor.customers.search({ query: '139 1234 5678' });
    expect(found).toMatchObject({ id: 'cust-1', name: '王芳', vipLevel: 4, phone: '*******5678' });
    expect((await editor.customers.search({ query: '芳' })).map((customer) => customer.id)).toEqual([
      'cust-1',
    ]);
    // The phone shows masked, so part of it finds nothing: it cannot be rebuilt a digit at a time.
    expect(await editor.customers.search({ query: '5678' })).toEqual([]);
    expect(await editor.customers.search({ query: '1391234567' })).toEqual([]);
    await bed.store.customers.create({
      id: 'cust-2',
      workspaceId: 'default',
      name: 'Ana Lima',
      identities: [
        { kind: 'email', value: 'ana@example.org' },
        { kind: 'channel:wechat', value: 'oX-openid-ana' },
      ],
      now: '2026-11-02T00:00:00.000Z',
    });
    const ids = async (query: string) =>
      (await editor.customers.search({ query })).map((customer) => customer.id);
    expect(await ids(' ANA@example.org ')).toEqual(['cust-2']);
    expect(await ids('oX-openid-ana')).toEqual(['cust-2']);
    expect(await ids('@example.org')).toEqual([]);
    expect(await ids('openid-ana')).toEqual([]);
    expect(await bed.callerAs(bed.users.editor).customers.search({ query: '李' })).toEqual([]);
    await expect(bed.callerAs(bed.users.viewer).customers.search({ query: '王' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
