import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices } from '../boot/app-services.ts';
import { loadServerConfig } from '../config/server-config.ts';
import { createApp } from '../http/create-app.ts';
import { CustomerLinks } from '../links/customer-links.ts';
import {
  createRuntimeHarness,
  edge,
  graph,
  node,
  type RuntimeHarness,
  sequentialIds,
} from '../runtime/runtime-test-kit.ts';
import type { IntakeRequest } from '../runtime-port.ts';

const DAY = 86_400_000;

/** A survey from the flow that sends it to the QA ticket its low score opens, through the public page. */
describe('survey pages', () => {
  let harness: RuntimeHarness;
  let server: Server;
  let base: string;

  beforeEach(async () => {
    harness = await createRuntimeHarness({ surveyLink: (token) => `https://desk.example.com/s/${token}` });
    const app = createApp(
      createServices({
        store: harness.store,
        config: loadServerConfig({}),
        clock: harness.clock,
        ids: sequentialIds('web'),
        runtime: harness.runtime,
        links: new CustomerLinks(harness.store, undefined),
      }),
    );
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await harness.publish('ask', askFlow());
    await harness.publish('qa', qaFlow());
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await harness.close();
  });

  function askFlow() {
    return graph(
      [
        node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] }),
        node('who', 'action.identify_customer', { by: ['phone'], createIfMissing: true }),
        node('ticket', 'action.create_ticket', {
          title: '{{ request.message }}',
          description: '{{ request.message }}',
          priority: 'medium',
          team: 'after_sales',
          customFields: {},
        }),
        node('survey', 'action.send_survey', {
          kind: 'csat',
          channel: 'reply',
          expiresInDays: 7,
          question: {
            'zh-CN': '您对「{{ ticket.title }}」的处理满意吗？',
            en: 'Happy with "{{ ticket.title }}"?',
          },
        }),
        node('wait', 'timing.wait_for_event', {
          event: 'survey_answer',
          statuses: [],
          timeout: { amount: 3, unit: 'days' },
        }),
        node('rated', 'action.update_ticket', { addTags: ['rated'], customFields: {} }),
      ],
      [
        edge('start', 'next', 'who'),
        edge('who', 'next', 'ticket'),
        edge('ticket', 'next', 'survey'),
        edge('survey', 'next', 'wait'),
        edge('wait', 'received', 'rated'),
      ],
    );
  }

  function qaFlow() {
    return graph(
      [
        node('start', 'trigger.survey_answered', { kinds: ['csat'], scoreAtMost: 3 }),
        node('qa', 'action.create_ticket', {
          title: '低分回访 {{ ticket.number }}：{{ survey.score }} 分',
          description: '{{ survey.comment }}',
          priority: 'high',
          team: 'qa',
          customFields: {},
        }),
      ],
      [edge('start', 'next', 'qa')],
    );
  }

  const request: IntakeRequest = {
    channel: 'web_form',
    customer: { name: '王小明', phone: '13812345678' },
    message: '退货 <script>alert(1)</script>',
    attachments: [],
    customFields: {},
    metadata: {},
  };

  async function sendSurvey() {
    const result = await harness.runtime.intake(request, { apiKeyId: 'k' });
    const text = result.produced.replies[0]?.text ?? '';
    const token = /https:\/\/desk\.example\.com\/s\/([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? '';
    return { result, text, token };
  }

  const post = (token: string, form: Record<string, string>, lang = 'zh-CN') =>
    fetch(`${base}/s/${token}?lang=${lang}`, { method: 'POST', body: new URLSearchParams(form) });

  async function ticketsOfTeam(team: string) {
    return (await harness.store.tickets.list()).filter((ticket) => ticket.team === team);
  }

  it('runs from the link in the reply to a QA ticket for a low score, and refuses a second answer', async () => {
    const { result, text, token } = await sendSurvey();
    expect(text).toContain('您对「退货 <script>alert(1)</script>」的处理满意吗？');
    expect(token).toHaveLength(32);
    const stored = await harness.store.executions.get(result.executionIds[0] as string);
    expect(JSON.stringify(stored?.state)).toContain('"survey"');
    expect(JSON.stringify(stored?.state)).not.toContain(token);

    const chinese = await fetch(`${base}/s/${token}`, { headers: { 'accept-language': 'zh-CN,zh;q=0.9' } });
    expect(chinese.status).toBe(200);
    const chinesePage = await chinese.text();
    expect(chinesePage).toContain('<html lang="zh-CN">');
    expect(chinesePage).toContain('服务评价');
    expect(chinesePage).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(chinesePage).not.toContain('<script>');
    expect(chinesePage.match(/name="score"/g)).toHaveLength(5);
    const english = await fetch(`${base}/s/${token}?lang=en`, { headers: { 'accept-language': 'zh-CN' } });
    expect(english.status).toBe(200);
    const englishPage = await english.text();
    expect(englishPage).toContain('Rate our service');
    expect(englishPage).toContain('How satisfied are you with our service?');

    const answered = await post(token, { score: '2', comment: '太慢了 <b>' });
    expect(answered.status).toBe(200);
    expect(await answered.text()).toContain('感谢您的评价');
    await harness.drain();
    await harness.drain();

    const qa = await ticketsOfTeam('qa');
    expect(qa.map((ticket) => ticket.title)).toEqual([`低分回访 ${result.produced.ticketNumber}：2 分`]);
    const sender = await harness.store.executions.get(result.executionIds[0] as string);
    expect(sender?.status).toBe('completed');
    const original = await harness.store.tickets.getByNumber(result.produced.ticketNumber as string);
    expect(original?.tags).toContain('rated');

    const again = await post(token, { score: '5' }, 'en');
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('Already answered');
    const survey = (await harness.store.surveys.get((await firstSurveyId()) as string)) ?? null;
    expect(survey).toMatchObject({ score: 2, comment: '太慢了 <b>' });
    expect(await harness.store.jobs.list({ kind: 'survey.answered' })).toHaveLength(1);
    expect((await fetch(`${base}/s/${token}?lang=en`)).status).toBe(409);
  });

  async function firstSurveyId() {
    const [summary] = (await harness.store.executions.list()).items;
    const execution = await harness.store.executions.get(summary?.id ?? '');
    const data = (execution?.state as { data?: { survey?: { id?: string } } } | undefined)?.data;
    return data?.survey?.id;
  }

  it('opens in the language the survey was sent in, whatever the browser prefers', async () => {
    const english = await harness.runtime.intake(
      { ...request, customer: { phone: '13900001111' }, message: 'My shoes do not fit, can I return them?' },
      { apiKeyId: 'k' },
    );
    const text = english.produced.replies[0]?.text ?? '';
    expect(text).toContain('Happy with "My shoes do not fit, can I return them?"?');
    const token = /\/s\/([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? '';
    const page = await (
      await fetch(`${base}/s/${token}`, { headers: { 'accept-language': 'zh-CN' } })
    ).text();
    expect(page).toContain('<html lang="en">');
    // LiquidJS's escape writes a double quote as &#34; (the same character as &quot;).
    expect(page).toContain('Happy with &#34;My shoes do not fit');
  });

  it('starts no QA flow for a high score', async () => {
    const { token } = await sendSurvey();
    expect((await post(token, { score: '5' })).status).toBe(200);
    await harness.drain();
    expect(await ticketsOfTeam('qa')).toEqual([]);
  });

  it('refuses forged and expired links with a friendly page and writes nothing', async () => {
    const forged = await fetch(`${base}/s/not-a-token`, { headers: { 'accept-language': 'en' } });
    expect(forged.status).toBe(404);
    expect(await forged.text()).toContain('Survey not found');
    expect((await post('A'.repeat(32), { score: '3' })).status).toBe(404);

    const { token } = await sendSurvey();
    harness.clock.advance(8 * DAY);
    const expired = await fetch(`${base}/s/${token}?lang=zh-CN`);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('链接已过期');
    expect((await post(token, { score: '1' })).status).toBe(410);
    expect((await harness.store.surveys.get((await firstSurveyId()) as string))?.answeredAt).toBeNull();
    expect(await harness.store.jobs.list({ kind: 'survey.answered' })).toEqual([]);
  });

  it('answers a bad score or an oversized comment with a translated 400 page and no write', async () => {
    const { token } = await sendSurvey();
    for (const form of [
      { score: '9' },
      { score: 'abc' },
      { score: '' },
      { score: '3', comment: '长'.repeat(1001) },
    ] as Record<string, string>[]) {
      const response = await post(token, form, 'en');
      expect(response.status).toBe(400);
      const page = await response.text();
      expect(page).toMatch(/Please choose a valid score|The comment is too long/);
    }
    const chinese = await post(token, { score: '0' });
    expect(await chinese.text()).toContain('请选择有效的分数后再提交。');
    expect((await harness.store.surveys.get((await firstSurveyId()) as string))?.answeredAt).toBeNull();
    expect((await post(token, { score: '4' })).status).toBe(200);
  });
});
