import { createTicket, updateTicketFields } from '@flowdesk/desk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IntakeRequest } from '../runtime-port.ts';
import {
  createRuntimeHarness,
  edge,
  graph,
  HttpSink,
  node,
  type RuntimeHarness,
  sequentialIds,
  webhookNode,
} from './runtime-test-kit.ts';

/** Published flows running the real service desk: tickets, routing and the ticket events they emit. */
describe('flows on the service desk', () => {
  let harness: RuntimeHarness;
  let sink: HttpSink;
  let url: string;

  beforeEach(async () => {
    harness = await createRuntimeHarness();
    sink = new HttpSink();
    url = await sink.start();
    const { store } = harness;
    await store.teams.put({
      id: 'after_sales',
      workspaceId: 'default',
      name: { 'zh-CN': '售后', en: 'After-sales' },
      skills: ['returns'],
      calendar: null,
      supervisorQueue: null,
    });
    await store.agents.create({
      id: 'agent-li',
      workspaceId: 'default',
      userId: null,
      name: '李娜',
      teams: ['after_sales'],
      skills: ['returns'],
      capacity: 5,
      online: true,
      activeCount: 0,
      lastAssignedAt: null,
    });
  });
  afterEach(async () => {
    await harness.close();
    await sink.stop();
  });

  const intakeFlow = () =>
    graph(
      [
        node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] }),
        node('who', 'action.identify_customer', {
          by: ['phone', 'email', 'channel_id'],
          createIfMissing: true,
        }),
        node('what', 'logic.classify', {
          source: 'request.message',
          threshold: 0.7,
          categories: [
            { id: 'returns', label: '退换货', keywords: ['退货'], examples: ['想退掉'] },
            { id: 'order_status', label: '订单状态', keywords: ['快递'], examples: ['到哪了'] },
          ],
        }),
        node('ticket', 'action.create_ticket', {
          title: '{{ request.message }}',
          description: '{{ request.message }}',
          priority: 'auto',
          team: 'after_sales',
          customFields: {},
        }),
        node('route', 'action.assign', {
          target: 'team',
          teamId: 'after_sales',
          strategy: 'round_robin',
          skills: [],
          vipFirst: true,
        }),
        node('ack', 'action.send_message', {
          channel: 'reply',
          to: 'customer',
          body: {
            'zh-CN': '已为您创建工单 {{ ticket.number }}，电话 {{ customer.phone | mask }}',
            en: 'Ticket {{ ticket.number }}',
          },
        }),
        node('triage', 'action.end', { outcome: 'completed' }),
      ],
      [
        edge('start', 'next', 'who'),
        edge('who', 'next', 'what'),
        edge('what', 'returns', 'ticket'),
        edge('what', 'low_confidence', 'triage'),
        edge('ticket', 'next', 'route'),
        edge('route', 'next', 'ack'),
      ],
    );

  const request: IntakeRequest = {
    channel: 'web_form',
    customer: { name: '王小明', phone: '+86 138-1234-5678' },
    message: '我要退货，鞋子尺码不对 {{ 7*7 }}',
    attachments: [],
    customFields: {},
    metadata: {},
  };

  it('identifies, classifies, opens and assigns a ticket, and replies with its number', async () => {
    await harness.publish('intake', intakeFlow());
    const result = await harness.runtime.intake(request, { apiKeyId: 'k' });

    expect(result.produced.ticketNumber).toMatch(/^CS20261122\d{3,}$/);
    expect(result.produced.replies[0]?.text).toBe(
      `已为您创建工单 ${result.produced.ticketNumber}，电话 *******5678`,
    );
    const ticket = await harness.store.tickets.getByNumber(result.produced.ticketNumber as string);
    expect(ticket).toMatchObject({
      status: 'assigned',
      assignee: 'agent-li',
      team: 'after_sales',
      category: 'returns',
      description: '我要退货，鞋子尺码不对 {{ 7*7 }}',
    });
    const steps = await harness.store.executions.listSteps(result.executionIds[0] as string);
    expect(steps.map((step) => step.nodeId)).toEqual(['start', 'who', 'what', 'ticket', 'route', 'ack']);
  });

  it("classifies the next request by an agent's category correction", async () => {
    await harness.publish('intake', intakeFlow());
    const message = '寄回的鞋子到哪了';
    const first = await harness.runtime.intake({ ...request, message }, { apiKeyId: 'k' });
    const [firstRun] = first.executionIds;
    const firstSteps = await harness.store.executions.listSteps(firstRun as string);
    expect(firstSteps.find((step) => step.nodeId === 'what')?.port).not.toBe('returns');
    expect(first.produced.ticketNumber).toBeUndefined();

    // An agent files a ticket with that text under returns (the desk service records the correction).
    const deps = {
      clock: { now: () => new Date('2026-11-22T09:00:00.000Z') },
      ids: sequentialIds('manual'),
    };
    await harness.store.transaction(async (tx) => {
      const created = await createTicket(
        { tx, deps },
        {
          title: message,
          description: message,
          channel: 'chat',
          priority: 'medium',
          category: 'order_status',
        },
        { actor: { kind: 'execution', id: 'exec-other' } },
      );
      if (!created.ok) throw new Error(created.error.message.en);
      await updateTicketFields(
        { tx, deps },
        created.value.ticket.id,
        { category: 'returns' },
        { actor: { kind: 'user', id: 'user-li' } },
      );
    });

    const second = await harness.runtime.intake({ ...request, message }, { apiKeyId: 'k' });
    expect(await harness.store.tickets.getByNumber(second.produced.ticketNumber as string)).toMatchObject({
      category: 'returns',
      description: message,
    });
  });

  it('starts ticket-event flows from the events a flow causes, but not the same flow again', async () => {
    await harness.publish('intake', intakeFlow());
    await harness.publish(
      'on-assigned',
      graph(
        [
          node('start', 'trigger.ticket_event', { events: ['assigned'], statuses: [] }),
          webhookNode('notify', `${url}/assigned`, '{{ ticket.number }} → {{ ticket.assignee }}'),
        ],
        [edge('start', 'next', 'notify')],
      ),
    );
    const { produced } = await harness.runtime.intake(request, { apiKeyId: 'k' });
    await harness.drain();
    await harness.drain();
    await harness.drain();
    expect(sink.received.map((hook) => JSON.parse(hook.body).body)).toEqual([
      `${produced.ticketNumber} → agent-li`,
    ]);
    const executions = (await harness.store.executions.list()).items;
    expect(executions.filter((execution) => execution.flowId === 'on-assigned')).toHaveLength(1);
    expect(executions.filter((execution) => execution.flowId === 'intake')).toHaveLength(1);
  });

  it('does not let a flow re-trigger itself through the ticket changes it makes', async () => {
    await harness.publish('intake', intakeFlow());
    await harness.publish(
      'work-on-it',
      graph(
        [
          node('start', 'trigger.ticket_event', { events: ['status_changed'], statuses: [] }),
          node('progress', 'action.update_ticket', { status: 'in_progress', addTags: [], customFields: {} }),
        ],
        [edge('start', 'next', 'progress')],
      ),
    );
    const { produced } = await harness.runtime.intake(request, { apiKeyId: 'k' });
    for (let round = 0; round < 4; round++) await harness.drain();
    const runs = (await harness.store.executions.list()).items.filter(
      (execution) => execution.flowId === 'work-on-it',
    );
    expect(runs).toHaveLength(1);
    expect((await harness.store.tickets.getByNumber(produced.ticketNumber as string))?.status).toBe(
      'in_progress',
    );
  });
});
