import type { ActivityResult } from '@flowdesk/engine';
import { getNodeType, type NodeConfig } from '@flowdesk/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KnowledgeIndexCache } from '../knowledge/knowledge-cache.ts';
import { sampleArticles } from '../knowledge/knowledge-test-articles.ts';
import { type DeskHarness, openHarness } from '../testing/desk-test-kit.ts';
import type { ProducedItem } from './activity.types.ts';
import { autoReplyActivity } from './auto-reply.activity.ts';

let desk: DeskHarness;
let cache: KnowledgeIndexCache;
beforeEach(async () => {
  desk = await openHarness();
  cache = new KnowledgeIndexCache();
  for (const article of sampleArticles()) await desk.store.kbArticles.put(article);
});
afterEach(async () => {
  await desk.close();
});

async function ask(message: string, config: Record<string, unknown>, locale = 'zh-CN') {
  const handler = autoReplyActivity(desk.deps, cache);
  if (handler.mode !== 'inline') throw new Error('auto-reply must run inline');
  const produced: ProducedItem[] = [];
  const now = desk.clock.now();
  const result: ActivityResult = await desk.store.transaction((tx) =>
    handler.run(
      {
        kind: 'activity',
        seq: 1,
        nodeId: 'kb',
        nodeType: 'action.auto_reply',
        visit: 1,
        config: getNodeType('action.auto_reply')?.configSchema.parse(
          config,
        ) as NodeConfig<'action.auto_reply'>,
        input: {
          variables: {},
          request: { id: 'req-1', channel: 'chat', message, locale },
          ticket: { id: 'ticket-1' },
        },
      },
      {
        executionId: 'exec-1',
        idempotencyKey: 'exec-1:kb:1',
        now,
        dryRun: false,
        tx,
        enqueue: async () => {},
        produce: (item) => produced.push(item),
        answering: true,
      },
    ),
  );
  return { result, produced };
}

describe('action.auto_reply', () => {
  it('answers above the threshold in the request language and replies on its channel', async () => {
    const { result, produced } = await ask('I want to return this item', { threshold: 0.4 }, 'en');
    expect(result).toMatchObject({
      ok: true,
      port: 'answered',
      output: {
        reply: {
          text: 'Within 7 days of delivery, open the order and choose "Return".',
          articleId: 'returns',
        },
      },
    });
    expect(produced).toEqual([
      {
        kind: 'reply',
        channel: 'chat',
        text: 'Within 7 days of delivery, open the order and choose "Return".',
      },
    ]);
  });

  it('answers a Chinese question with the Chinese answer, and only finds it when sendReply is off', async () => {
    const { result, produced } = await ask('鞋子不想要了，能退货吗', { threshold: 0.4, sendReply: false });
    expect(result).toMatchObject({
      port: 'answered',
      output: { reply: { text: '签收 7 天内在订单页点击“申请退货”即可。' } },
    });
    expect(produced).toEqual([]);
  });

  it('takes not_answered below the threshold, for the same question a lower threshold answers', async () => {
    const strict = await ask('鞋子不想要了，能退货吗', { threshold: 0.9 });
    expect(strict.result).toMatchObject({
      ok: true,
      port: 'not_answered',
      output: { reply: { text: null } },
    });
    expect(strict.produced).toEqual([]);
    expect((await ask('今天天气不错', { threshold: 0.1 })).result).toMatchObject({ port: 'not_answered' });
  });

  it('records which article answered which request, once for a repeated step', async () => {
    await ask('I want to return this item', { threshold: 0.4 }, 'en');
    await ask('I want to return this item', { threshold: 0.4 }, 'en');
    expect(await desk.store.kbAnswers.latest('default', 5)).toEqual([
      {
        id: 'exec-1:kb:1',
        workspaceId: 'default',
        articleId: 'returns',
        source: 'flow',
        executionId: 'exec-1',
        requestId: 'req-1',
        ticketId: 'ticket-1',
        agentId: null,
        locale: 'en',
        at: desk.clock.now().toISOString(),
      },
    ]);
    await ask('今天天气不错', { threshold: 0.4 });
    expect(await desk.store.kbAnswers.usage('default', desk.clock.now().toISOString())).toEqual([
      { articleId: 'returns', total: 1, recent: 1, lastAt: desk.clock.now().toISOString() },
    ]);
  });

  it('never answers with a draft, even a perfect match', async () => {
    const [returns] = sampleArticles();
    if (!returns) throw new Error('sample articles are missing');
    await desk.store.kbArticles.put({ ...returns, status: 'draft' });
    const { result, produced } = await ask('怎么申请退货', { threshold: 0.5 });
    expect(result).toMatchObject({ port: 'not_answered', output: { reply: { text: null } } });
    expect(
      (result as unknown as { output: { reply: { articleId: string | null } } }).output.reply.articleId,
    ).not.toBe('returns');
    expect(produced).toEqual([]);
    expect(await desk.store.kbAnswers.latest('default', 5)).toEqual([]);
  });

  it('builds the index once per revision, and again after an article changes', async () => {
    await ask('怎么开发票', { threshold: 0.4 });
    await ask('快递到哪了', { threshold: 0.4 });
    expect(cache.builds).toBe(1);
    const [returns] = sampleArticles();
    if (!returns) throw new Error('sample articles are missing');
    await desk.store.kbArticles.put({
      ...returns,
      questions: { 'zh-CN': ['七天无理由退货'], en: [] },
      answer: { 'zh-CN': '支持七天无理由退货。', en: '' },
    });
    const { result } = await ask('七天无理由退货', { threshold: 0.4 }, 'en');
    expect(cache.builds).toBe(2);
    // No English answer: the Chinese one is better than none.
    expect(result).toMatchObject({ port: 'answered', output: { reply: { text: '支持七天无理由退货。' } } });
  });
});
