import { describe, expect, it } from 'vitest';
import type { KbAnswer, KbArticle } from '../port/knowledge.types.ts';
import { at, type ContractContext } from './contract-context.ts';

function article(id: string, extra: Partial<KbArticle> = {}): KbArticle {
  return {
    id,
    workspaceId: 'ws-1',
    title: { 'zh-CN': '如何退货', en: 'How to return an item' },
    questions: { 'zh-CN': ['怎么退货', '可以退货吗'], en: ['How do I return an item?'] },
    answer: { 'zh-CN': '在订单页点击“申请退货”。', en: 'Open the order and choose "Return".' },
    tags: ['returns'],
    status: 'published',
    updatedAt: at(0),
    ...extra,
  };
}

export function describeKnowledgeContract(ctx: ContractContext): void {
  describe('knowledge base', () => {
    it('stores articles with their localised questions and replaces them on put', async () => {
      const store = ctx.store();
      await store.kbArticles.put(article('kb-2'));
      await store.kbArticles.put(article('kb-1', { workspaceId: 'ws-2' }));
      expect(await store.kbArticles.get('kb-2')).toEqual(article('kb-2'));
      const changed = article('kb-2', {
        tags: [],
        questions: { 'zh-CN': ['退货流程'], en: [] },
        updatedAt: at(5),
      });
      await store.kbArticles.put(changed);
      expect(await store.kbArticles.list('ws-1')).toEqual([changed]);
      expect(await store.kbArticles.get('missing')).toBeNull();
    });

    it('moves the workspace revision on every write and delete, and only that workspace', async () => {
      const store = ctx.store();
      expect(await store.kbArticles.revision('ws-1')).toBe(0);
      await store.kbArticles.put(article('kb-1'));
      const afterCreate = await store.kbArticles.revision('ws-1');
      await store.kbArticles.put(article('kb-1', { tags: ['x'] }));
      const afterUpdate = await store.kbArticles.revision('ws-1');
      expect(afterUpdate).toBeGreaterThan(afterCreate);
      expect(await store.kbArticles.revision('ws-2')).toBe(0);
      expect(await store.kbArticles.delete('kb-1')).toBe(true);
      expect(await store.kbArticles.delete('kb-1')).toBe(false);
      expect(await store.kbArticles.revision('ws-1')).toBeGreaterThan(afterUpdate);
      expect(await store.kbArticles.list('ws-1')).toEqual([]);
    });

    it('keeps feedback and counts it per article', async () => {
      const store = ctx.store();
      const base = { workspaceId: 'ws-1', requestId: null, executionId: null } as const;
      await store.kbFeedback.add({ ...base, id: 'f1', articleId: 'kb-1', helpful: true, at: at(1) });
      await store.kbFeedback.add({
        ...base,
        id: 'f2',
        articleId: 'kb-1',
        helpful: false,
        requestId: 'req-9',
        at: at(2),
      });
      await store.kbFeedback.add({ ...base, id: 'f3', articleId: 'kb-0', helpful: true, at: at(3) });
      await store.kbFeedback.add({
        ...base,
        workspaceId: 'ws-2',
        id: 'f4',
        articleId: 'kb-1',
        helpful: true,
        at: at(4),
      });
      await expect(
        store.kbFeedback.add({ ...base, id: 'f1', articleId: 'kb-1', helpful: true, at: at(5) }),
      ).rejects.toMatchObject({ code: 'duplicate' });
      expect(
        (await store.kbFeedback.list('kb-1')).map((entry) => [entry.id, entry.helpful, entry.requestId]),
      ).toEqual([
        ['f1', true, null],
        ['f2', false, 'req-9'],
        ['f4', true, null],
      ]);
      expect(await store.kbFeedback.stats('ws-1')).toEqual([
        { articleId: 'kb-0', helpful: 1, notHelpful: 0 },
        { articleId: 'kb-1', helpful: 1, notHelpful: 1 },
      ]);
    });

    it('keeps an article draft or published and changes it on put', async () => {
      const store = ctx.store();
      await store.kbArticles.put(article('kb-1', { status: 'draft' }));
      expect((await store.kbArticles.get('kb-1'))?.status).toBe('draft');
      const before = await store.kbArticles.revision('ws-1');
      await store.kbArticles.put(article('kb-1', { status: 'published' }));
      expect(await store.kbArticles.list('ws-1')).toEqual([article('kb-1', { status: 'published' })]);
      expect(await store.kbArticles.revision('ws-1')).toBeGreaterThan(before);
    });

    it('records each answer once and counts uses per article, in total and since a time', async () => {
      const store = ctx.store();
      const answer = (id: string, extra: Partial<KbAnswer>): KbAnswer => ({
        id,
        workspaceId: 'ws-1',
        articleId: 'kb-1',
        source: 'flow',
        executionId: `ex-${id}`,
        requestId: `req-${id}`,
        ticketId: null,
        agentId: null,
        locale: 'zh-CN',
        at: at(1),
        ...extra,
      });
      expect(await store.kbAnswers.record(answer('a1', {}))).toBe(true);
      expect(await store.kbAnswers.record(answer('a1', { at: at(9) }))).toBe(false);
      await store.kbAnswers.record(answer('a2', { at: at(5), locale: 'en' }));
      await store.kbAnswers.record(
        answer('a3', {
          at: at(6),
          source: 'agent',
          executionId: null,
          requestId: null,
          ticketId: 't-1',
          agentId: 'u-1',
        }),
      );
      await store.kbAnswers.record(answer('a4', { articleId: 'kb-0', at: at(2) }));
      await store.kbAnswers.record(answer('a5', { workspaceId: 'ws-2', at: at(7) }));
      expect(await store.kbAnswers.usage('ws-1', at(5))).toEqual([
        { articleId: 'kb-0', total: 1, recent: 0, lastAt: at(2) },
        { articleId: 'kb-1', total: 3, recent: 2, lastAt: at(6) },
      ]);
      const latest = await store.kbAnswers.latest('ws-1', 2);
      expect(latest.map((entry) => [entry.articleId, entry.id])).toEqual([
        ['kb-0', 'a4'],
        ['kb-1', 'a3'],
        ['kb-1', 'a2'],
      ]);
      expect(latest[1]).toEqual(
        answer('a3', {
          at: at(6),
          source: 'agent',
          executionId: null,
          requestId: null,
          ticketId: 't-1',
          agentId: 'u-1',
        }),
      );
      expect(await store.kbAnswers.usage('ws-3', at(0))).toEqual([]);
    });

    it('records an answer inside a transaction only when it commits', async () => {
      const store = ctx.store();
      await expect(
        store.transaction(async (tx) => {
          await tx.kbAnswers.record({
            id: 'a1',
            workspaceId: 'ws-1',
            articleId: 'kb-1',
            source: 'flow',
            executionId: 'ex-1',
            requestId: 'req-1',
            ticketId: null,
            agentId: null,
            locale: 'en',
            at: at(1),
          });
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      expect(await store.kbAnswers.usage('ws-1', at(0))).toEqual([]);
    });

    it('writes articles inside a transaction only when it commits', async () => {
      const store = ctx.store();
      await expect(
        store.transaction(async (tx) => {
          await tx.kbArticles.put(article('kb-1'));
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      expect(await store.kbArticles.get('kb-1')).toBeNull();
      expect(await store.kbArticles.revision('ws-1')).toBe(0);
    });
  });
}
