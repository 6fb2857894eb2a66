import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSmtpSender, SmtpSink } from '@flowdesk/connectors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/auth/api-keys.ts';
import { createServices } from '../src/boot/app-services.ts';
import { loadServerConfig } from '../src/config/server-config.ts';
import { createApp } from '../src/http/create-app.ts';
import { CustomerLinks } from '../src/links/customer-links.ts';
import { ChannelOutbox } from '../src/runtime/outbox/channel-outbox.ts';
import { connectChannels } from '../src/runtime/outbox/outbox-channels.ts';
import {
  createRuntimeHarness,
  edge,
  graph,
  node,
  type RuntimeHarness,
  sequentialIds,
} from '../src/runtime/runtime-test-kit.ts';

/**
 * The desk issue's whole loop through the API on the embedded store: a request
 * arrives, the customer is identified, the request classified, a ticket opened
 * and assigned by skill, an acknowledgement email reaches a real SMTP server
 * with the phone masked; an agent resolves; the survey email arrives; a score of
 * 2 is submitted on the public page; a QA ticket exists.
 */
describe('service desk scenario', () => {
  const smtp = new SmtpSink();
  let harness: RuntimeHarness;
  let server: Server;
  let base = '';
  let apiKey = '';
  let closeMail: () => void = () => {};

  beforeAll(async () => {
    const sender = createSmtpSender({ url: await smtp.start(), from: 'FlowDesk <desk@example.com>' });
    closeMail = () => sender.close();
    harness = await createRuntimeHarness({
      outbox: connectChannels(new ChannelOutbox(), { email: sender }),
      surveyLink: (token) => `${base}/s/${token}`,
    });
    const { store } = harness;
    for (const team of ['after_sales', 'qa']) {
      await store.teams.put({
        id: team,
        workspaceId: 'default',
        name: { 'zh-CN': team, en: team },
        skills: [],
        calendar: null,
        supervisorQueue: null,
      });
    }
    for (const [id, skills] of [
      ['agent-billing', ['billing']],
      ['agent-returns', ['returns']],
    ] as const) {
      await store.agents.create({
        id,
        workspaceId: 'default',
        userId: null,
        name: id,
        teams: ['after_sales'],
        skills: [...skills],
        capacity: 10,
        online: true,
        activeCount: 0,
        lastAssignedAt: null,
      });
    }
    apiKey = (
      await createApiKey(store, { id: 'desk-key', name: 'desk', role: 'agent', now: harness.clock.now() })
    ).secret;
    const app = createApp(
      createServices({
        store,
        config: loadServerConfig({}),
        clock: harness.clock,
        ids: sequentialIds('http'),
        runtime: harness.runtime,
        links: new CustomerLinks(store, undefined),
      }),
    );
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    await harness.publish('intake', intakeFlow());
    await harness.publish('after-resolve', afterResolveFlow());
    await harness.publish('quality', qualityFlow());
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    closeMail();
    await smtp.stop();
    await harness.close();
  });

  function intakeFlow() {
    return graph(
      [
        node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] }),
        node('who', 'action.identify_customer', { by: ['phone', 'email'], createIfMissing: true }),
        node('what', 'logic.classify', {
          source: 'request.message',
          threshold: 0.7,
          categories: [
            { id: 'returns', label: '退换货', keywords: ['退货', '换货'], examples: ['鞋子不合适想退'] },
            { id: 'billing', label: '发票', keywords: ['发票'], examples: ['开票信息有误'] },
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
          strategy: 'skills',
          skills: ['returns'],
          vipFirst: true,
        }),
        node('ack', 'action.send_message', {
          channel: 'email',
          to: 'customer',
          subject: {
            'zh-CN': '已收到您的请求 {{ ticket.number }}',
            en: 'We got your request {{ ticket.number }}',
          },
          body: {
            'zh-CN':
              '{{ customer.name }} 您好，工单 {{ ticket.number }} 已分配，联系电话 {{ customer.phone | mask }}。',
            en: 'Hello',
          },
        }),
        node('triage', 'action.end', { outcome: 'completed' }),
      ],
      [
        edge('start', 'next', 'who'),
        edge('who', 'next', 'what'),
        edge('what', 'returns', 'ticket'),
        edge('what', 'billing', 'ticket'),
        edge('what', 'low_confidence', 'triage'),
        edge('ticket', 'next', 'route'),
        edge('route', 'next', 'ack'),
      ],
    );
  }

  function afterResolveFlow() {
    return graph(
      [
        node('start', 'trigger.ticket_event', { events: ['status_changed'], statuses: ['resolved'] }),
        node('survey', 'action.send_survey', {
          kind: 'csat',
          channel: 'email',
          expiresInDays: 7,
          question: { 'zh-CN': '您对本次服务满意吗？', en: 'How did we do?' },
        }),
      ],
      [edge('start', 'next', 'survey')],
    );
  }

  function qualityFlow() {
    return graph(
      [
        node('start', 'trigger.survey_answered', { kinds: ['csat'], scoreAtMost: 3 }),
        node('qa', 'action.create_ticket', {
          title: '低分回访 {{ ticket.number }}',
          description: '{{ survey.comment }}',
          priority: 'high',
          team: 'qa',
          customFields: {},
        }),
      ],
      [edge('start', 'next', 'qa')],
    );
  }

  async function drain() {
    for (let round = 0; round < 5; round++) await harness.drain();
  }

  it('runs from the request to a QA ticket for a low score', async () => {
    const intake = await fetch(`${base}/api/v1/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({
        channel: 'web_form',
        customer: { name: '王小明', phone: '13812345678', email: 'xiaoming@example.com' },
        message: '我要退货，鞋子尺码不对',
      }),
    });
    expect(intake.status).toBe(202);
    const { produced } = (await intake.json()) as { produced: { ticketNumber: string } };
    expect(produced.ticketNumber).toMatch(/^CS\d{8}\d{3,}$/);

    const ticket = await harness.store.tickets.getByNumber(produced.ticketNumber);
    expect(ticket).toMatchObject({ category: 'returns', team: 'after_sales', assignee: 'agent-returns' });
    const customer = await harness.store.customers.get(ticket?.customerId ?? '');
    expect(customer?.name).toBe('王小明');

    await drain();
    const ack = smtp.received.find((mail) => mail.mail.subject?.includes(produced.ticketNumber));
    expect(ack?.to).toEqual(['xiaoming@example.com']);
    expect(ack?.mail.text).toContain('联系电话 *******5678');
    expect(ack?.mail.text).not.toContain('13812345678');

    const resolved = await fetch(`${base}/api/v1/tickets/${ticket?.id}/resolve`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ solution: '已为客户办理退货' }),
    });
    expect(resolved.status).toBe(200);
    await drain();

    const surveyMail = smtp.received.find((mail) => mail.mail.text?.includes('/s/'));
    expect(surveyMail?.to).toEqual(['xiaoming@example.com']);
    const link =
      /(http:\/\/127\.0\.0\.1:\d+\/s\/[A-Za-z0-9_-]+)/.exec(surveyMail?.mail.text ?? '')?.[1] ?? '';
    expect((await fetch(link)).status).toBe(200);
    const answered = await fetch(link, {
      method: 'POST',
      body: new URLSearchParams({ score: '2', comment: '太慢了' }),
    });
    expect(answered.status).toBe(200);
    await drain();

    const qaTickets = (await harness.store.tickets.list()).filter((candidate) => candidate.team === 'qa');
    expect(qaTickets).toHaveLength(1);
    expect(qaTickets[0]).toMatchObject({ title: `低分回访 ${produced.ticketNumber}`, description: '太慢了' });
  });
});
