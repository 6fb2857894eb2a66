import { describe, expect, it } from 'vitest';
import type { Store } from '../store.port.ts';
import type { ContractContext } from './contract-context.ts';

const FROM = '2026-11-01T00:00:00.000Z';
const TO = '2026-12-01T00:00:00.000Z';

async function sent(
  store: Store,
  id: string,
  options: { kind?: 'csat' | 'nps'; workspaceId?: string; answer?: { score: number; at: string } },
): Promise<void> {
  await store.surveys.create({
    id,
    workspaceId: options.workspaceId ?? 'default',
    tokenHash: `hash-${id}`,
    kind: options.kind ?? 'csat',
    ticketId: `ticket-${id}`,
    customerId: null,
    executionId: null,
    channel: 'email',
    locale: 'zh-CN',
    question: '',
    createdAt: '2026-11-01T00:00:00.000Z',
    expiresAt: '2026-12-31T00:00:00.000Z',
  });
  if (options.answer) {
    await store.surveys.answer(id, {
      score: options.answer.score,
      comment: `comment ${id}`,
      answeredAt: options.answer.at,
    });
  }
}

export function describeSurveyResultsContract(ctx: ContractContext): void {
  describe('survey answers by time and their quality review', () => {
    it('lists answers of one workspace in [from, to), newest first, by kind and highest score, in pages', async () => {
      const store = ctx.store();
      await sent(store, 'a', { answer: { score: 5, at: '2026-11-10T08:00:00.000Z' } });
      await sent(store, 'b', { answer: { score: 2, at: '2026-11-12T08:00:00.000Z' } });
      // Same instant as b: the id breaks the tie, so paging neither skips nor repeats it.
      await sent(store, 'c', { answer: { score: 3, at: '2026-11-12T08:00:00.000Z' } });
      await sent(store, 'd', { kind: 'nps', answer: { score: 1, at: '2026-11-15T08:00:00.000Z' } });
      await sent(store, 'unanswered', {});
      await sent(store, 'before', { answer: { score: 1, at: '2026-10-31T23:59:59.999Z' } });
      await sent(store, 'at-end', { answer: { score: 1, at: TO } });
      await sent(store, 'elsewhere', {
        workspaceId: 'other',
        answer: { score: 1, at: '2026-11-12T08:00:00.000Z' },
      });

      const all = await store.surveys.listAnswered({ workspaceId: 'default', from: FROM, to: TO });
      expect(all.items.map((survey) => survey.id)).toEqual(['d', 'c', 'b', 'a']);
      expect(all.nextCursor).toBeNull();

      const low = { workspaceId: 'default', from: FROM, to: TO, kind: 'csat' as const, maxScore: 3 };
      const first = await store.surveys.listAnswered({ ...low, limit: 1 });
      expect(first.items.map((survey) => survey.id)).toEqual(['c']);
      const second = await store.surveys.listAnswered({ ...low, limit: 1, cursor: first.nextCursor });
      expect(second.items.map((survey) => survey.id)).toEqual(['b']);
      expect(second.nextCursor).toBeNull();
      expect(second.items[0]).toMatchObject({ score: 2, comment: 'comment b', reviewedAt: null });
      expect(await store.surveys.countAnswered(low)).toBe(2);
      expect(await store.surveys.countAnswered({ workspaceId: 'default', from: FROM, to: TO })).toBe(4);
      await expect(store.surveys.listAnswered({ ...low, cursor: 'not-a-cursor' })).rejects.toThrow();
    });

    it('records a review once: the second, even at the same instant, changes nothing', async () => {
      const store = ctx.store();
      await sent(store, 'low', { answer: { score: 2, at: '2026-11-12T08:00:00.000Z' } });
      await sent(store, 'open', {});
      const at = '2026-11-13T09:00:00.000Z';
      const [first, second] = await Promise.all([
        store.surveys.markReviewed('low', { by: 'user-supervisor', note: 'Called back', at }),
        store.surveys.markReviewed('low', { by: 'user-admin', note: 'Other', at }),
      ]);
      expect(first).toMatchObject({
        ok: true,
        survey: { id: 'low', reviewedAt: at, reviewedBy: 'user-supervisor', reviewNote: 'Called back' },
      });
      expect(second).toEqual({ ok: false, reason: 'reviewed' });
      expect(await store.surveys.get('low')).toMatchObject({
        reviewedBy: 'user-supervisor',
        reviewNote: 'Called back',
      });
      expect(await store.surveys.markReviewed('open', { by: 'u', note: '', at })).toEqual({
        ok: false,
        reason: 'not_answered',
      });
      expect(await store.surveys.markReviewed('nope', { by: 'u', note: '', at })).toEqual({
        ok: false,
        reason: 'not_found',
      });

      const query = { workspaceId: 'default', from: FROM, to: TO, maxScore: 3 };
      expect((await store.surveys.listAnswered({ ...query, review: 'waiting' })).items).toEqual([]);
      expect(
        (await store.surveys.listAnswered({ ...query, review: 'reviewed' })).items.map((s) => s.id),
      ).toEqual(['low']);
      expect(await store.surveys.countAnswered({ ...query, review: 'waiting' })).toBe(0);
    });
  });
}
