import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IntakeRequest } from '../runtime-port.ts';
import { createRuntimeHarness, edge, graph, node, type RuntimeHarness } from './runtime-test-kit.ts';

/** A published flow answering from the knowledge base, end to end through the runtime. */
describe('auto-reply from the knowledge base', () => {
  let harness: RuntimeHarness;
  beforeEach(async () => {
    harness = await createRuntimeHarness();
    await harness.store.kbArticles.put({
      id: 'kb-returns',
      workspaceId: 'default',
      title: { 'zh-CN': '退货', en: 'Returns' },
      questions: {
        'zh-CN': ['怎么申请退货', '买的东西不想要了可以退吗'],
        en: ['How do I return an item?'],
      },
      answer: {
        'zh-CN': '签收 7 天内在订单页点击“申请退货”。',
        en: 'Within 7 days, choose "Return" on the order.',
      },
      tags: [],
      status: 'published',
      updatedAt: harness.clock.now().toISOString(),
    });
    await harness.publish(
      'faq',
      graph(
        [
          node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] }),
          node('kb', 'action.auto_reply', { source: 'request.message', threshold: 0.4, sendReply: true }),
          node('human', 'action.send_message', {
            channel: 'reply',
            to: 'customer',
            body: { 'zh-CN': '已转人工客服', en: 'An agent will answer you' },
          }),
          node('done', 'action.end', { outcome: 'completed' }),
        ],
        [edge('start', 'next', 'kb'), edge('kb', 'answered', 'done'), edge('kb', 'not_answered', 'human')],
      ),
    );
  });
  afterEach(async () => {
    await harness.close();
  });

  const request = (message: string, locale?: 'en'): IntakeRequest => ({
    channel: 'chat',
    customer: { name: 'Wang' },
    message,
    attachments: [],
    customFields: {},
    metadata: {},
    ...(locale ? { locale } : {}),
  });

  it('puts the answer in the intake response and records the article and confidence', async () => {
    const result = await harness.runtime.intake(request('鞋子不想要了，能退货吗'), { apiKeyId: 'k' });
    expect(result.produced.replies).toEqual([
      { channel: 'chat', text: '签收 7 天内在订单页点击“申请退货”。' },
    ]);
    const steps = await harness.store.executions.listSteps(result.executionIds[0] as string);
    const kb = steps.find((step) => step.nodeId === 'kb');
    expect(kb?.port).toBe('answered');
    expect(kb?.output).toMatchObject({ reply: { articleId: 'kb-returns', confidence: expect.any(Number) } });
    expect(steps.map((step) => step.nodeId)).toEqual(['start', 'kb', 'done']);
  });

  it('answers in the request’s language', async () => {
    const result = await harness.runtime.intake(request('I want to return this item', 'en'), {
      apiKeyId: 'k',
    });
    expect(result.produced.replies).toEqual([
      { channel: 'chat', text: 'Within 7 days, choose "Return" on the order.' },
    ]);
  });

  it('hands an unrelated question to a person', async () => {
    const result = await harness.runtime.intake(request('发票抬头写错了怎么办'), { apiKeyId: 'k' });
    expect(result.produced.replies).toEqual([{ channel: 'chat', text: '已转人工客服' }]);
  });
});
