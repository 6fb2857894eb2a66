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
      status: 'draft',
      updatedAt: '2026-11-22T08:00:00.000Z',
    });
    expect(await editor.try({ question: '鞋子不想要了，能退货吗' })).toEqual([]);
    await editor.publish({ id: created.id });
    expect((await editor.try({ question: '鞋子不想要了，能退货吗' }))[0]).toMatchObject({
      articleId: created.id,
    });

    bed.clock.advance(60_000);
    const updated = await editor.update({ id: created.id, article: { ...article, tags: ['returns'] } });
    expect(updated).toMatchObject({
      tags: ['returns'],
      status: 'published',
      updatedAt: '2026-11-22T08:01:00.000Z',
    });
    expect(await editor.get({ id: created.id })).toEqual(updated);
    expect(await editor.list()).toEqual([updated]);

    expect(await editor.delete({ id: created.id })).toEqual({ deleted: true });
    await expect(editor.get({ id: created.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(editor.update({ id: created.id, article })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('audits publishing and unpublishing, and refuses to publish an article with nothing to answer', async () => {
    const editor = bed.callerAs(bed.users.editor).knowledge;
    const created = await editor.create(article);
    expect(await editor.publish({ id: created.id })).toMatchObject({ status: 'published' });
    // Publishing again changes nothing and is not audited twice.
    await editor.publish({ id: created.id });
    expect(await editor.unpublish({ id: created.id })).toMatchObject({ status: 'draft' });
    await editor.delete({ id: created.id });
    const entries = await bed.store.audit.list({});
    expect(entries.items.map((entry) => [entry.action, entry.target, entry.actor.id]).reverse()).toEqual([
      ['knowledge.publish', `article:${created.id}`, bed.users.editor.id],
      ['knowledge.unpublish', `article:${created.id}`, bed.users.editor.id],
      ['knowledge.delete', `article:${created.id}`, bed.users.editor.id],
    ]);

    const empty = await editor.create({ ...article, answer: { 'zh-CN': ' ', en: '' } });
    await expect(editor.publish({ id: empty.id })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      cause: { code: 'article_not_publishable' },
    });
    expect((await editor.get({ id: empty.id })).status).toBe('draft');
    await expect(editor.publish({ id: 'missing' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lets ticket workers read published articles only, and refuses them writing', async () => {
    const editor = bed.callerAs(bed.users.editor).knowledge;
    const published = await editor.create(article);
    await editor.publish({ id: published.id });
    const draft = await editor.create({ ...article, tags: ['draft'] });
    for (const role of ['agent', 'supervisor'] as const) {
      const reader = bed.callerAs(bed.users[role]).knowledge;
      expect((await reader.list()).map((entry) => entry.id)).toEqual([published.id]);
      expect(await reader.get({ id: published.id })).toMatchObject({ status: 'published' });
      await expect(reader.get({ id: draft.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(reader.create(article)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(reader.publish({ id: draft.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(reader.delete({ id: published.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(reader.try({ question: '退货' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    const all = await bed.callerAs(bed.users.admin).knowledge.list();
    expect(all.map((entry) => [entry.id, entry.status])).toEqual([
      [published.id, 'published'],
      [draft.id, 'draft'],
    ]);
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
