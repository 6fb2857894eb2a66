import type { ActivityResult, FlowData } from '@flowdesk/engine';
import { getNodeType } from '@flowdesk/model';
import type { JsonObject } from '@flowdesk/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agent, type DeskHarness, openHarness, team } from '../testing/desk-test-kit.ts';
import type { ProducedItem } from './activity.types.ts';
import { deskActivities } from './desk-activities.ts';

let desk: DeskHarness;
beforeEach(async () => {
  desk = await openHarness();
  await desk.store.teams.put(team('after_sales', { supervisorQueue: 'supervisors' }));
  await desk.store.teams.put(team('supervisors'));
  await desk.store.agents.create(agent('a1'));
  await desk.store.agents.create(agent('boss', { teams: ['supervisors'], online: false }));
});
afterEach(async () => {
  await desk.close();
});

interface Run {
  result: ActivityResult;
  produced: ProducedItem[];
}

/**
 * Runs an activity the way the runtime does: inside a transaction, config parsed by the
 * catalog, and, when it succeeds, its step recorded in the same transaction (as the
 * driver records it). `key` is the step's `execution:node:visit`.
 */
async function run(
  nodeType: string,
  config: unknown,
  input: FlowData,
  key = `exec-1:${nodeType}:1`,
): Promise<Run> {
  const handler = new Map(deskActivities(desk.deps)).get(nodeType);
  const definition = getNodeType(nodeType);
  if (handler?.mode !== 'inline' || !definition) throw new Error(`no inline activity for ${nodeType}`);
  const [executionId = '', nodeId = '', visitText = '1'] = key.split(':');
  const visit = Number(visitText);
  const produced: ProducedItem[] = [];
  const now = desk.clock.now();
  const result = await desk.store.transaction(async (tx) => {
    if (!(await tx.executions.get(executionId))) {
      await tx.executions.create({
        id: executionId,
        flowId: 'flow-1',
        version: 1,
        status: 'running',
        state: {},
        startedAt: now.toISOString(),
      });
    }
    const outcome = await handler.run(
      {
        kind: 'activity',
        seq: 1,
        nodeId,
        nodeType,
        visit,
        config: definition.configSchema.parse(config) as Record<string, unknown>,
        input,
      },
      {
        executionId,
        idempotencyKey: key,
        now,
        dryRun: false,
        tx,
        enqueue: async (job) => {
          await tx.jobs.enqueue({ ...job, id: desk.deps.ids.next(), now: now.toISOString() });
        },
        produce: (item) => produced.push(item),
        answering: true,
      },
    );
    const seq = (await tx.executions.listSteps(executionId)).length + 1;
    await tx.executions.appendSteps(executionId, [
      {
        seq,
        nodeId,
        nodeType,
        visit,
        input: {},
        output: outcome.ok ? ((outcome.output ?? {}) as JsonObject) : {},
        port: outcome.ok ? (outcome.port ?? 'next') : null,
        startedAt: now.toISOString(),
        finishedAt: now.toISOString(),
        error: outcome.ok ? null : { code: outcome.error.code },
      },
    ]);
    return outcome;
  });
  return { result, produced };
}

function output(outcome: Run): Record<string, Record<string, unknown>> {
  if (!outcome.result.ok)
    throw new Error(
      `activity failed: ${outcome.result.error.code} ${JSON.stringify(outcome.result.error.params)}`,
    );
  return (outcome.result.output ?? {}) as Record<string, Record<string, unknown>>;
}

const request = {
  channel: 'web_form',
  subject: '订单 {{ 7*7 }} 没收到',
  message: '我的订单 A1 还没到 {% raw %}',
  customer: { name: '王小明', phone: '+86 138 1234 5678', email: 'Wang@Example.cn' },
};

async function identified(): Promise<FlowData> {
  const customer = output(await run('action.identify_customer', {}, { request, variables: {} })).customer;
  return { request, customer, variables: {} };
}

describe('desk activities', () => {
  it('identify_customer: a repeated step counts the contact once', async () => {
    const first = await run('action.identify_customer', {}, { request, variables: {} });
    const again = await run('action.identify_customer', {}, { request, variables: {} });
    expect(output(first).customer).toMatchObject({
      name: '王小明',
      phone: '13812345678',
      email: 'wang@example.cn',
      isNew: true,
      requestCount: 1,
    });
    expect(output(again)).toEqual(output(first));
    const next = await run('action.identify_customer', {}, { request, variables: {} }, 'exec-2:identify:1');
    expect(output(next).customer).toMatchObject({ isNew: false, requestCount: 2 });
    const unknown = await run(
      'action.identify_customer',
      { createIfMissing: false },
      {
        request: { channel: 'chat', customer: { phone: '13900000000' } },
        variables: {},
      },
      'exec-3:identify:1',
    );
    expect(unknown.result).toMatchObject({ ok: false, error: { code: 'desk.customer_not_found' } });
  });

  it('create_ticket: renders templates with customer text kept literally and creates one ticket per step', async () => {
    const data = await identified();
    const config = {
      title: '{{ request.subject }}',
      description: '{{ request.message }}',
      team: 'after_sales',
    };
    const first = await run('action.create_ticket', config, data);
    const again = await run('action.create_ticket', config, data);
    const ticket = output(first).ticket;
    expect(ticket).toMatchObject({
      title: '订单 {{ 7*7 }} 没收到',
      status: 'new',
      priority: 'medium',
      team: 'after_sales',
      channel: 'web_form',
      link: `https://desk.test/t/${String(ticket?.number)}`,
    });
    expect(String(ticket?.number)).toMatch(/^CS\d{8}\d{3}$/);
    expect(output(again).ticket?.number).toBe(ticket?.number);
    expect(first.produced).toEqual([{ kind: 'ticket', number: ticket?.number }]);
    expect(again.produced).toEqual(first.produced);
    const stored = await desk.store.tickets.list();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.description).toBe('我的订单 A1 还没到 {% raw %}');
    expect(await desk.store.jobs.list({ kind: 'ticket.event' })).toHaveLength(1);
  });

  it("create_ticket: a per-language title follows the request's language; one title for all keeps working", async () => {
    const data = await identified();
    const title = { 'zh-CN': '退货：{{ request.subject }}', en: 'Return: {{ request.subject }}' };
    const english = { ...data, request: { ...request, locale: 'en' } };
    const chinese = { ...data, request: { ...request, locale: 'zh-CN' } };
    const en = output(await run('action.create_ticket', { title }, english, 'exec-en:create:1')).ticket;
    expect(en?.title).toBe('Return: 订单 {{ 7*7 }} 没收到');
    const zh = output(await run('action.create_ticket', { title }, chinese, 'exec-zh:create:1')).ticket;
    expect(zh?.title).toBe('退货：订单 {{ 7*7 }} 没收到');
    // Only one language written: the other language's requests get it rather than nothing.
    const onlyZh = output(
      await run('action.create_ticket', { title: { 'zh-CN': '退货' } }, english, 'exec-only:create:1'),
    ).ticket;
    expect(onlyZh?.title).toBe('退货');
    const single = output(
      await run('action.create_ticket', { title: 'Return' }, chinese, 'exec-single:create:1'),
    ).ticket;
    expect(single?.title).toBe('Return');
  });

  it("create_ticket: the request's conversation belongs to the ticket, however late it is created", async () => {
    const at = desk.clock.now().toISOString();
    await desk.store.conversations.create({
      id: 'conv-1',
      workspaceId: 'default',
      channel: 'chat',
      customerKey: 'visitor-1',
      ticketId: null,
      tokenHash: null,
      createdAt: at,
      updatedAt: at,
    });
    const data = await identified();
    const chat = {
      ...data,
      request: { ...request, channel: 'chat', metadata: { conversationId: 'conv-1' } },
    };
    const ticket = output(
      await run('action.create_ticket', { title: 'Chat', team: 'after_sales' }, chat),
    ).ticket;
    expect((await desk.store.conversations.findByTicket(String(ticket?.id)))?.id).toBe('conv-1');
    // A chat that goes on after its ticket was closed belongs to the new ticket.
    const next = output(
      await run('action.create_ticket', { title: 'Again', team: 'after_sales' }, chat, 'exec-2:create:1'),
    ).ticket;
    expect(next?.id).not.toBe(ticket?.id);
    expect((await desk.store.conversations.get('conv-1'))?.ticketId).toBe(next?.id);
  });

  it('create_ticket: automatic priority is high for complaints, and an unsure classification parks the ticket', async () => {
    const data = await identified();
    const complaint = output(
      await run(
        'action.create_ticket',
        {},
        { ...data, classification: { category: 'after-sale/complaint', confidence: 0.95 } },
      ),
    ).ticket;
    expect(complaint).toMatchObject({ priority: 'high', category: 'after-sale/complaint', status: 'new' });
    const unsure = output(
      await run(
        'action.create_ticket',
        {},
        { ...data, classification: { category: 'pre-sale/price', confidence: 0.41, threshold: 0.7 } },
        'exec-1:create:2',
      ),
    ).ticket;
    expect(unsure).toMatchObject({ status: 'pending_confirmation', category: 'pre-sale/price' });
  });

  it('update_ticket, assign and escalate: each repeated step changes the ticket once', async () => {
    const data = await identified();
    const ticket = output(await run('action.create_ticket', { team: 'after_sales' }, data)).ticket;
    const withTicket: FlowData = { ...data, ticket };

    const updateConfig = { addTags: ['催单'], note: '客户 {{ customer.phone | mask }} 来电催单' };
    output(await run('action.update_ticket', updateConfig, withTicket));
    output(await run('action.update_ticket', updateConfig, withTicket));
    const notes = await desk.store.ticketNotes.list(String(ticket?.id));
    expect(notes.map((note) => note.body)).toEqual(['客户 *******5678 来电催单']);

    const assignConfig = { target: 'team', teamId: 'after_sales', strategy: 'least_loaded' };
    const assigned = output(await run('action.assign', assignConfig, withTicket));
    expect(output(await run('action.assign', assignConfig, withTicket))).toEqual(assigned);
    expect(assigned.ticket).toMatchObject({
      assignee: 'a1',
      team: 'after_sales',
      status: 'assigned',
      queued: false,
    });
    expect((await desk.store.agents.get('a1'))?.activeCount).toBe(1);

    const escalateConfig = { reason: 'VIP 投诉：{{ request.subject }}' };
    const escalated = output(await run('action.escalate', escalateConfig, withTicket));
    output(await run('action.escalate', escalateConfig, withTicket));
    expect(escalated.ticket).toMatchObject({ team: 'supervisors', priority: 'high', assignee: null });
    const stored = await desk.store.tickets.get(String(ticket?.id));
    expect(stored).toMatchObject({ priority: 'high', tags: ['催单', 'escalated'] });
    expect((await desk.store.agents.get('a1'))?.activeCount).toBe(0);
    const tagChanges = (await desk.store.ticketHistory.list(String(ticket?.id))).filter(
      (entry) => entry.field === 'tags',
    );
    expect(tagChanges).toHaveLength(2);
  });

  it('fails with a clear error when the flow has no ticket', async () => {
    const data = await identified();
    const outcome = await run('action.assign', { target: 'team', teamId: 'after_sales' }, data);
    expect(outcome.result).toMatchObject({ ok: false, error: { code: 'desk.no_ticket', retryable: false } });
  });
});
