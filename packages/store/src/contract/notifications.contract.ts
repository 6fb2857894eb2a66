import { describe, expect, it } from 'vitest';
import type { ContractContext } from './contract-context.ts';

const NOW = '2026-11-22T08:00:00.000Z';

export function describeNotificationContract(ctx: ContractContext): void {
  describe('in-app messages, message templates and surveys', () => {
    it('keeps one in-app message per idempotency key and lists unread ones newest first', async () => {
      const store = ctx.store();
      const base = {
        workspaceId: 'default',
        recipientKind: 'agent' as const,
        recipientId: 'agent-li',
        subject: 's',
        body: 'b',
        createdAt: NOW,
      };
      await store.inAppMessages.create({ ...base, id: 'm1', idempotencyKey: 'k1' });
      const repeat = await store.inAppMessages.create({
        ...base,
        id: 'm1-again',
        idempotencyKey: 'k1',
        body: 'x',
      });
      await store.inAppMessages.create({
        ...base,
        id: 'm2',
        idempotencyKey: null,
        createdAt: '2026-11-22T09:00:00Z',
      });
      expect(repeat).toMatchObject({ id: 'm1', body: 'b' });
      expect((await store.inAppMessages.listFor('agent', 'agent-li')).map((m) => m.id)).toEqual(['m2', 'm1']);
      expect(await store.inAppMessages.markRead('m2', NOW)).toBe(true);
      expect(await store.inAppMessages.markRead('m2', NOW)).toBe(false);
      expect(
        (await store.inAppMessages.listFor('agent', 'agent-li', { unreadOnly: true })).map((m) => m.id),
      ).toEqual(['m1']);
    });

    it('stores message templates per locale and replaces them by id', async () => {
      const store = ctx.store();
      const template = {
        id: 't1',
        workspaceId: 'default',
        name: 'Ack',
        channel: 'email' as const,
        subject: { 'zh-CN': '主题', en: 'Subject' },
        body: { 'zh-CN': '内容', en: 'Body' },
        updatedAt: NOW,
      };
      await store.messageTemplates.put(template);
      await store.messageTemplates.put({ ...template, name: 'Ack 2' });
      expect(await store.messageTemplates.list('default')).toEqual([{ ...template, name: 'Ack 2' }]);
      expect(await store.messageTemplates.delete('t1')).toBe(true);
      expect(await store.messageTemplates.get('t1')).toBeNull();
    });

    it('records one answer per survey, even when a second one arrives in the same instant', async () => {
      const store = ctx.store();
      await store.surveys.create({
        id: 's1',
        workspaceId: 'default',
        tokenHash: 'hash-1',
        kind: 'nps',
        ticketId: null,
        customerId: null,
        executionId: 'e1',
        channel: 'email',
        locale: 'en',
        question: '',
        createdAt: NOW,
        expiresAt: '2026-11-29T08:00:00.000Z',
      });
      const [first, second] = await Promise.all([
        store.surveys.answer('s1', { score: 9, comment: null, answeredAt: NOW }),
        store.surveys.answer('s1', { score: 0, comment: 'x', answeredAt: NOW }),
      ]);
      expect(first).toMatchObject({ ok: true, survey: { score: 9 } });
      expect(second).toEqual({ ok: false, reason: 'answered' });
      expect(await store.surveys.getByTokenHash('hash-1')).toMatchObject({ score: 9, answeredAt: NOW });
      expect(await store.surveys.answer('nope', { score: 1, comment: null, answeredAt: NOW })).toEqual({
        ok: false,
        reason: 'not_found',
      });
    });

    it('lists the surveys sent about given tickets, oldest first, and none for an empty list', async () => {
      const store = ctx.store();
      const survey = (id: string, ticketId: string | null, createdAt: string) =>
        store.surveys.create({
          id,
          workspaceId: 'default',
          tokenHash: `hash-${id}`,
          kind: 'csat',
          ticketId,
          customerId: 'c1',
          executionId: null,
          channel: 'email',
          locale: 'zh-CN',
          question: '',
          createdAt,
          expiresAt: '2026-11-29T08:00:00.000Z',
        });
      await survey('s-late', 't1', '2026-11-22T09:00:00.000Z');
      await survey('s-early', 't2', '2026-11-22T07:00:00.000Z');
      await survey('s-other', 't3', '2026-11-22T08:00:00.000Z');
      await survey('s-none', null, '2026-11-22T08:30:00.000Z');
      await store.surveys.answer('s-late', { score: 2, comment: '太慢', answeredAt: NOW });
      const listed = await store.surveys.listByTickets(['t1', 't2']);
      expect(listed.map((entry) => entry.id)).toEqual(['s-early', 's-late']);
      expect(listed[1]).toMatchObject({ score: 2, comment: '太慢', answeredAt: NOW, ticketId: 't1' });
      expect(await store.surveys.listByTickets([])).toEqual([]);
    });
  });
}
