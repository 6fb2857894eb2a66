import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSmtpSender, SmtpSink } from '@flowdesk/connectors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpis } from '../src/analytics/analytics-service.ts';
import type { AppServices } from '../src/app-deps.ts';
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
 * Issue 14's integration test: requests through the REST API, a flow that
 * resolves some and hands others over (for a rule, on low confidence, because
 * the customer asked), an agent's claim, reply, resolve and reopen over REST,
 * and a survey answered on its public page move the KPIs exactly as
 * docs/kpis.md says. The clock starts on 22 November 2026 at 01:00 UTC.
 */

const MINUTE = 60_000;
const DAY = { from: '2026-11-22T00:00:00Z', to: '2026-11-23T00:00:00Z' };

describe('KPIs from requests, agents and surveys', () => {
  const smtp = new SmtpSink();
  let harness: RuntimeHarness;
  let services: AppServices;
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
    await store.teams.put({
      id: 'after_sales',
      workspaceId: 'default',
      name: { 'zh-CN': '售后', en: 'After-sales' },
      skills: [],
      calendar: null,
      supervisorQueue: null,
    });
    await store.agents.create({
      id: 'agent-li',
      workspaceId: 'default',
      userId: null,
      name: '李娜',
      teams: ['after_sales'],
      skills: [],
      capacity: 10,
      online: true,
      activeCount: 0,
      lastAssignedAt: null,
    });
    apiKey = (
      await createApiKey(store, { id: 'kpi-key', name: 'kpi', role: 'agent', now: harness.clock.now() })
    ).secret;
    services = createServices({
      store,
      config: loadServerConfig({}),
      clock: harness.clock,
      ids: sequentialIds('http'),
      runtime: harness.runtime,
      links: new CustomerLinks(store, undefined),
    });
    server = await new Promise<Server>((resolve) => {
      const listening = createApp(services).listen(0, '127.0.0.1', () => resolve(listening));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await harness.publish('intake', intakeFlow());
    await harness.publish('after-resolve', surveyFlow());
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    services?.close();
    closeMail();
    await smtp.stop();
    await harness.close();
  });

  /** Returns are settled by the flow; invoices, "a person please" and anything unclear go to the after-sales queue. */
  function intakeFlow() {
    return graph(
      [
        node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] }),
        node('who', 'action.identify_customer', { by: ['phone', 'email'], createIfMissing: true }),
        node('what', 'logic.classify', {
          source: 'request.message',
          threshold: 0.7,
          categories: [
            { id: 'returns', label: '退换货', keywords: ['退货'], examples: ['鞋子不合适想退'] },
            { id: 'billing', label: '发票', keywords: ['发票'], examples: ['开票信息有误'] },
            { id: 'human', label: '转人工', keywords: ['转人工'], examples: ['我要找人工客服'] },
          ],
        }),
        node('settled', 'action.create_ticket', {
          title: '{{ request.message }}',
          description: '{{ request.message }}',
          priority: 'auto',
          team: 'after_sales',
          customFields: {},
        }),
        node('close', 'action.update_ticket', { status: 'resolved', note: '已自动办理退货' }),
        node('queued', 'action.create_ticket', {
          title: '{{ request.message }}',
          description: '{{ request.message }}',
          priority: 'auto',
          team: 'after_sales',
          customFields: {},
        }),
      ],
      [
        edge('start', 'next', 'who'),
        edge('who', 'next', 'what'),
        edge('what', 'returns', 'settled'),
        edge('settled', 'next', 'close'),
        edge('what', 'billing', 'queued'),
        edge('what', 'human', 'queued'),
        edge('what', 'low_confidence', 'queued'),
      ],
    );
  }

  function surveyFlow() {
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

  async function drain() {
    for (let round = 0; round < 5; round++) await harness.drain();
  }

  async function request(message: string, email: string): Promise<string> {
    const response = await fetch(`${base}/api/v1/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ channel: 'api', customer: { name: '客户', email }, message }),
    });
    expect(response.status).toBe(202);
    const { produced } = (await response.json()) as { produced: { ticketNumber: string } };
    const ticket = await harness.store.tickets.getByNumber(produced.ticketNumber);
    if (!ticket) throw new Error(`no ticket ${produced.ticketNumber}`);
    return ticket.id;
  }

  async function act(ticketId: string, action: string, body: object) {
    const response = await fetch(`${base}/api/v1/tickets/${ticketId}/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify(body),
    });
    expect(response.status, `${action}: ${await response.clone().text()}`).toBe(200);
  }

  async function answerSurvey(email: string, score: number) {
    const mail = smtp.received.findLast((item) => item.to.includes(email) && item.mail.text?.includes('/s/'));
    const link = /(http:\/\/127\.0\.0\.1:\d+\/s\/[A-Za-z0-9_-]+)/.exec(mail?.mail.text ?? '')?.[1] ?? '';
    const answered = await fetch(link, {
      method: 'POST',
      body: new URLSearchParams({ score: String(score) }),
    });
    expect(answered.status).toBe(200);
  }

  it('moves volume, automation, hand-offs, response and handling times, reopens and CSAT as the formulas say', async () => {
    // 01:00 a return the flow settles itself; its customer answers the survey with 5.
    const settled = await request('我要退货，鞋子尺码不对', 'a@example.com');
    await drain();
    expect((await harness.store.tickets.get(settled))?.status).toBe('resolved');
    await answerSurvey('a@example.com', 5);

    // 01:00 an invoice question (a rule hands it over), 01:00 "a person, please", 01:00 something unclear.
    const invoice = await request('发票开错了，需要重开', 'b@example.com');
    await request('转人工', 'c@example.com');
    await request('嗯', 'd@example.com');

    // Agent Li works the invoice: claims at 01:10, answers at 01:30, resolves at 02:00.
    harness.clock.advance(10 * MINUTE);
    await act(invoice, 'claim', { agentId: 'agent-li' });
    harness.clock.advance(20 * MINUTE);
    await act(invoice, 'reply', { body: '您好，发票已重开。' });
    harness.clock.advance(30 * MINUTE);
    await act(invoice, 'resolve', { solution: '已重开发票' });
    await drain();
    await answerSurvey('b@example.com', 3);
    // Reopened at 03:00 and resolved again at 03:15.
    harness.clock.advance(60 * MINUTE);
    await act(invoice, 'reopen', { note: '抬头还是错的' });
    harness.clock.advance(15 * MINUTE);
    await act(invoice, 'resolve', { solution: '抬头已改' });
    await drain();
    harness.clock.advance(45 * MINUTE);

    const answer = await kpis(services, { ...DAY, compareWithPrevious: true });
    const value = (id: string) => answer.kpis.find((kpi) => kpi.id === id)?.value;
    expect(value('volume')).toBe(4);
    // The return of four flow tickets was resolved with no person.
    expect(value('automated_resolution_rate')).toBe(1 / 4);
    expect(value('handoff_rate')).toBe(3 / 4);
    expect(answer.handoffReasons.current).toEqual({
      low_confidence: 1,
      customer_asked: 1,
      rule: 1,
      unknown: 0,
    });
    // First responses: the return at once (resolved at 01:00), the invoice at 01:30; the other two none yet.
    expect(value('first_response_p50')).toBe(0);
    expect(value('first_response_p90')).toBe(30 * MINUTE);
    // First resolutions: the return at once, the invoice after 60 minutes.
    expect(value('resolution_p90')).toBe(60 * MINUTE);
    // Li held the invoice 01:10–02:00 and 03:00–03:15.
    expect(value('aht')).toBe(65 * MINUTE);
    expect(value('reopen_rate')).toBe(1 / 2);
    expect(value('fcr_rate')).toBeNull();
    // Answers 5 and 3.
    expect(value('csat_share')).toBe(1 / 2);
    expect(value('csat_mean')).toBe(4);
    // "A person, please" and the unclear one still wait, about 3 hours old.
    expect(value('backlog')).toBe(2);
    expect(answer.ageing.under_1d).toBe(2);
    expect(answer.kpis.find((kpi) => kpi.id === 'volume')).toMatchObject({ previous: 0, change: 4 });

    // Filtered by the flow that made the tickets, or by one that made none.
    const volumeOf = async (flowId: string) =>
      (await kpis(services, { ...DAY, flowId, compareWithPrevious: false })).kpis.find(
        (kpi) => kpi.id === 'volume',
      )?.value;
    expect(await volumeOf('intake')).toBe(4);
    expect(await volumeOf('after-resolve')).toBe(0);
  });

  it('answers from the KPI rollups on SQLite (migration 032), with the numbers of the raw path', async () => {
    const rollups = services.store.kpiRollups;
    const rolled = await kpis(services, { ...DAY, compareWithPrevious: true });
    // Every change was folded in before answering, and the day rows hold the requests.
    expect(await rollups.dirtyCount()).toBe(0);
    const rows = await rollups.rows({ workspaceId: 'default' }, '', '2026-11-22', '2026-11-23');
    expect(rows.length).toBeGreaterThan(0);
    const store = services.store as { kpiRollups: typeof rollups };
    store.kpiRollups = { ...rollups, enabled: false };
    try {
      const raw = await kpis(services, { ...DAY, compareWithPrevious: true });
      expect({ ...rolled, computedAt: null }).toEqual({ ...raw, computedAt: null });
    } finally {
      store.kpiRollups = rollups;
    }
  });
});
