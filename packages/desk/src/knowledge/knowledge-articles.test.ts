import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DeskHarness, openHarness } from '../testing/desk-test-kit.ts';
import { ArticleInputSchema, articleFrom, recordFeedback } from './knowledge-articles.ts';

let desk: DeskHarness;
beforeEach(async () => {
  desk = await openHarness();
});
afterEach(async () => {
  await desk.close();
});

describe('knowledge articles and feedback', () => {
  it('stores helpful and unhelpful votes against an article of the workspace', async () => {
    const input = ArticleInputSchema.parse({
      title: { 'zh-CN': '退货', en: 'Returns' },
      questions: { 'zh-CN': ['怎么退货'], en: ['How do I return it?'] },
      answer: { 'zh-CN': '七天内可退', en: 'Within seven days' },
    });
    await desk.run(async (scope) => scope.tx.kbArticles.put(articleFrom(scope, 'kb-1', input)));
    const vote = await desk.run((scope) =>
      recordFeedback(scope, { articleId: 'kb-1', helpful: false, requestId: 'req-1' }),
    );
    expect(vote).toMatchObject({
      articleId: 'kb-1',
      helpful: false,
      requestId: 'req-1',
      workspaceId: 'default',
    });
    await desk.run((scope) => recordFeedback(scope, { articleId: 'kb-1', helpful: true }));
    expect(await desk.store.kbFeedback.stats('default')).toEqual([
      { articleId: 'kb-1', helpful: 1, notHelpful: 1 },
    ]);
  });

  it('refuses feedback on an unknown article and an article with an empty question', async () => {
    expect(await desk.run((scope) => recordFeedback(scope, { articleId: 'nope', helpful: true }))).toBeNull();
    expect(await desk.store.kbFeedback.list('nope')).toEqual([]);
    const parsed = ArticleInputSchema.safeParse({
      title: { 'zh-CN': '', en: '' },
      questions: { 'zh-CN': ['  '], en: [] },
      answer: { 'zh-CN': '', en: '' },
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['questions', 'zh-CN', 0]);
  });
});
