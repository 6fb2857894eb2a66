import { type JsonObject, USER_ROLES } from '@flowdesk/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBed, publishableGraph, type TestBed } from '../../testing/server-test-kit.ts';

let bed: TestBed;
beforeEach(async () => {
  bed = await createTestBed();
});
afterEach(async () => {
  await bed.close();
});

const WANG: JsonObject = {
  data: {
    request: { message: '我要退货', customer: { name: '王小明', phone: '13812345678' } },
    customer: { id: 'cust-wang', name: '王小明', email: 'ming@example.com', phone: '13812345678' },
    ticket: { number: 'CS20261122001' },
    variables: {},
  },
};
const ANA: JsonObject = {
  data: { request: { customer: { name: 'Ana Lima', email: 'ana@example.org' } }, variables: {} },
  incident: {
    nodeId: 'end',
    code: 'runtime.activity_crashed',
    params: { detail: 'boom' },
    retryable: true,
    at: '2026-11-22T07:10:01.000Z',
  },
};

async function seed(): Promise<string> {
  const flow = await bed.store.flows.create({
    id: 'flow-returns',
    workspaceId: 'default',
    name: '退货处理',
    draft: publishableGraph('发送结果'),
    createdBy: bed.users.admin.id,
    now: '2026-11-22T06:00:00.000Z',
  });
  await bed.store.versions.publish(
    flow.id,
    publishableGraph('发送结果'),
    'v1',
    bed.users.admin.id,
    '2026-11-22T06:00:00.000Z',
  );
  await bed.store.executions.create({
    id: 'ex-wang',
    flowId: flow.id,
    version: 1,
    status: 'completed',
    currentNodeId: 'end',
    state: WANG,
    startedAt: '2026-11-22T07:00:00.000Z',
    finishedAt: '2026-11-22T07:00:01.000Z',
  });
  await bed.store.executions.create({
    id: 'ex-ana',
    flowId: flow.id,
    version: 1,
    status: 'failed',
    currentNodeId: 'end',
    state: ANA,
    startedAt: '2026-11-22T07:10:00.000Z',
    finishedAt: '2026-11-22T07:10:01.000Z',
  });
  return flow.id;
}

describe('executions list: finding an execution again', () => {
  it('searches by ticket number and by customer name, email or phone', async () => {
    await seed();
    const agent = bed.callerAs(bed.users.agent);
    const ids = async (search: string) =>
      (await agent.executions.list({ search })).items.map((item) => item.id);
    expect(await ids('CS20261122001')).toEqual(['ex-wang']);
    expect(await ids('王小明')).toEqual(['ex-wang']);
    // Contacts are masked for every role, so they match whole only (see below).
    expect(await ids('ana@example.org')).toEqual(['ex-ana']);
    expect(await ids('13812345678')).toEqual(['ex-wang']);
    expect(await ids('CS2099')).toEqual([]);
  });

  it('names the flow, ticket, customer and outcome of each execution', async () => {
    await seed();
    const [ana, wang] = (await bed.callerAs(bed.users.agent).executions.list({})).items;
    expect(wang).toMatchObject({
      flowName: '退货处理',
      ticketNumber: 'CS20261122001',
      customer: { name: '王小明', email: '************.com', phone: '*******5678' },
      outcome: {
        nodeId: 'end',
        text: { 'zh-CN': '已完成，结束于「发送结果」', en: 'Finished at "发送结果"' },
      },
    });
    expect(ana?.outcome.text.en).toBe('Failed at "发送结果": The step failed with an internal error: boom');
    expect(ana?.incident).toMatchObject({
      code: 'runtime.activity_crashed',
      message: { en: expect.any(String) },
    });
  });

  it('masks the customer for a viewer, in the list and in the trace header', async () => {
    await seed();
    const viewer = bed.callerAs(bed.users.viewer);
    const [wang] = (await viewer.executions.list({ search: 'CS20261122' })).items;
    expect(wang?.customer).toMatchObject({ name: '王小明', email: '************.com', phone: '*******5678' });
    expect(JSON.stringify(wang)).not.toContain('13812345678');
    expect(JSON.stringify(wang)).not.toContain('ming@example.com');
    // Searching by a contact a viewer cannot see still finds the execution, without revealing it.
    expect((await viewer.executions.list({ search: '13812345678' })).items.map((item) => item.id)).toEqual([
      'ex-wang',
    ]);

    const trace = await viewer.executions.get({ id: 'ex-wang' });
    expect(trace).toMatchObject({ flowName: '退货处理', version: 1, ticketNumber: 'CS20261122001' });
    expect(trace.customer).toMatchObject({ name: '王小明', phone: '*******5678' });
  });

  // Every role sees contacts masked (last 4 characters; a whole one only through the
  // audited reveal of a ticket), so none may rebuild one by searching part of it, a
  // character at a time: for every role, email and phone match whole.
  it.each(USER_ROLES)('lets a %s find a contact only by the whole email or phone', async (role) => {
    await seed();
    const caller = bed.callerAs(bed.users[role]);
    const ids = async (search: string) =>
      (await caller.executions.list({ search })).items.map((item) => item.id);
    expect(await ids('5678')).toEqual([]);
    expect(await ids('1381234567')).toEqual([]);
    expect(await ids('ana@example')).toEqual([]);
    expect(await ids('a@example.org')).toEqual([]);
    expect(await ids('%@example.org')).toEqual([]);
    expect(await ids('138 1234 5678')).toEqual(['ex-wang']);
    expect(await ids('  ANA@Example.org ')).toEqual(['ex-ana']);
    // The ticket number and the customer's name, which the role sees, still match in part.
    expect(await ids('CS202611')).toEqual(['ex-wang']);
    expect(await ids('小明')).toEqual(['ex-wang']);
    expect(await ids('ana li')).toEqual(['ex-ana']);
  });
});
