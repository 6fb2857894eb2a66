import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBed, type TestBed } from '../../testing/server-test-kit.ts';

let bed: TestBed;
beforeEach(async () => {
  bed = await createTestBed();
});
afterEach(async () => {
  await bed.close();
});

const article = {
  title: { 'zh-CN': '退货', en: 'Returns' },
  questions: { 'zh-CN': ['怎么申请退货', '买的东西不想要了可以退吗'], en: ['How do I return an item?'] },
  answer: { 'zh-CN': '七天内可在订单页申请退货。', en: 'Return within seven days from the order page.' },
};

describe('knowledge router', () => {
  it('lets editors create, find, update and delete articles', async () => {
    const editor = bed.callerAs(bed.users.editor).knowledge;
    const created = await editor.create(article);
    expect(created).toMatchObject({
      workspaceId: 'default',
      tags: [],
      updatedAt: '2026-11-22T08:00:00.000Z',
    });
    expect((await editor.try({ question: '鞋子不想要了，能退货吗' }))[0]).toMatchObject({
      articleId: created.id,
    });

    bed.clock.advance(60_000);
    const updated = await editor.update({ id: created.id, article: { ...article, tags: ['returns'] } });
    expect(updated).toMatchObject({ tags: ['returns'], updatedAt: '2026-11-22T08:01:00.000Z' });
    expect(await editor.get({ id: created.id })).toEqual(updated);
    expect(await editor.list()).toEqual([updated]);

    expect(await editor.delete({ id: created.id })).toEqual({ deleted: true });
    await expect(editor.get({ id: created.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(editor.update({ id: created.id, article })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses agents and viewers, and a question variant that is blank', async () => {
    await expect(bed.callerAs(bed.users.agent).knowledge.create(article)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(bed.callerAs(bed.users.viewer).knowledge.list()).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const blank = await bed
      .callerAs(bed.users.admin)
      .knowledge.create({ ...article, questions: { 'zh-CN': [' '], en: [] } })
      .catch((error: unknown) => error);
    expect(blank).toMatchObject({
      code: 'BAD_REQUEST',
      cause: { issues: [{ path: ['questions', 'zh-CN', 0] }] },
    });
  });

  it('reports helpful and unhelpful counts per article', async () => {
    const editor = bed.callerAs(bed.users.editor).knowledge;
    const created = await editor.create(article);
    const base = {
      workspaceId: 'default',
      articleId: created.id,
      requestId: null,
      executionId: null,
      at: '2026-11-22T09:00:00.000Z',
    };
    await bed.store.kbFeedback.add({ ...base, id: 'f1', helpful: true });
    await bed.store.kbFeedback.add({ ...base, id: 'f2', helpful: true });
    await bed.store.kbFeedback.add({ ...base, id: 'f3', helpful: false });
    expect(await editor.feedbackStats()).toEqual([{ articleId: created.id, helpful: 2, notHelpful: 1 }]);
  });
});
