import { describe, expect, it } from 'vitest';
import type { Conversation } from '../port/channel.types.ts';
import { isStoreError } from '../port/store-error.ts';
import type { ContractContext } from './contract-context.ts';

const NOW = '2026-11-23T08:00:00.000Z';

const conversation = (id: string, extra: Partial<Conversation> = {}): Conversation => ({
  id,
  workspaceId: 'default',
  channel: 'chat',
  customerKey: 'visitor-1',
  ticketId: null,
  tokenHash: 'hash',
  createdAt: NOW,
  updatedAt: NOW,
  ...extra,
});

const message = (id: string, conversationId: string, body: string, externalId: string | null = null) => ({
  id,
  conversationId,
  direction: 'in' as const,
  author: 'customer' as const,
  body,
  externalId,
  createdAt: NOW,
});

export function describeChannelContract(ctx: ContractContext): void {
  describe('channel settings and conversations', () => {
    it('keeps one setting per workspace and channel, replaced in place', async () => {
      const store = ctx.store();
      const email = {
        workspaceId: 'default',
        channel: 'email',
        enabled: true,
        settings: { addresses: ['a@x.cn'] },
        updatedAt: NOW,
      };
      await store.channelSettings.put(email);
      await store.channelSettings.put({ ...email, enabled: false, settings: { addresses: [] } });
      await store.channelSettings.put({ ...email, channel: 'chat' });
      await store.channelSettings.put({ ...email, workspaceId: 'other' });
      expect(await store.channelSettings.get('default', 'email')).toEqual({
        ...email,
        enabled: false,
        settings: { addresses: [] },
      });
      expect((await store.channelSettings.list('default')).map((s) => s.channel)).toEqual(['chat', 'email']);
      expect(await store.channelSettings.get('default', 'voice')).toBeNull();
    });

    it('numbers messages 1, 2, 3 per conversation and lists those after a seq', async () => {
      const store = ctx.store();
      await store.conversations.create(conversation('c1'));
      await store.conversations.create(conversation('c2'));
      await store.conversations.appendMessage(message('m1', 'c1', '你好'));
      await store.conversations.appendMessage(message('m2', 'c2', 'other'));
      const second = await store.conversations.appendMessage({
        ...message('m3', 'c1', 'reply'),
        direction: 'out',
        author: 'flow',
      });
      expect(second).toMatchObject({ seq: 2, direction: 'out', author: 'flow', conversationId: 'c1' });
      expect((await store.conversations.listMessages('c1', 0)).map((m) => [m.seq, m.body])).toEqual([
        [1, '你好'],
        [2, 'reply'],
      ]);
      expect((await store.conversations.listMessages('c1', 1)).map((m) => m.id)).toEqual(['m3']);
      expect((await store.conversations.listMessages('c2', 0)).map((m) => m.seq)).toEqual([1]);
    });

    it('writes a repeated message id once and refuses a message for an unknown conversation', async () => {
      const store = ctx.store();
      await store.conversations.create(conversation('c1'));
      const first = await store.conversations.appendMessage(message('m1', 'c1', 'first'));
      const again = await store.conversations.appendMessage(message('m1', 'c1', 'changed'));
      expect(again).toEqual(first);
      expect(await store.conversations.listMessages('c1', 0)).toHaveLength(1);
      const missing = await store.conversations
        .appendMessage(message('m2', 'nope', 'x'))
        .catch((error) => error);
      expect(isStoreError(missing, 'not_found')).toBe(true);
      const duplicate = await store.conversations.create(conversation('c1')).catch((error) => error);
      expect(isStoreError(duplicate, 'duplicate')).toBe(true);
    });

    it('finds conversations by ticket and by customer, and messages by their channel id', async () => {
      const store = ctx.store();
      await store.conversations.create(conversation('c1', { channel: 'email', customerKey: 'li@x.cn' }));
      await store.conversations.create(
        conversation('c2', { channel: 'email', customerKey: 'li@x.cn', updatedAt: '2026-11-23T09:00:00Z' }),
      );
      expect(await store.conversations.linkTicket('c1', 't1', '2026-11-23T10:00:00Z')).toBe(true);
      expect(await store.conversations.linkTicket('nope', 't1', NOW)).toBe(false);
      expect((await store.conversations.findByTicket('t1'))?.id).toBe('c1');
      expect((await store.conversations.findByCustomer('default', 'email', 'li@x.cn'))?.id).toBe('c1');
      expect(await store.conversations.findByCustomer('default', 'chat', 'li@x.cn')).toBeNull();
      await store.conversations.appendMessage(message('m1', 'c2', 'mail', '<abc@mail.example>'));
      const found = await store.conversations.findMessageByExternalId(
        'default',
        'email',
        '<abc@mail.example>',
      );
      expect(found).toMatchObject({ id: 'm1', conversationId: 'c2' });
      expect(
        await store.conversations.findMessageByExternalId('default', 'wechat', '<abc@mail.example>'),
      ).toBeNull();
    });

    it('appends messages and links tickets inside a transaction, and rolls both back together', async () => {
      const store = ctx.store();
      await store.conversations.create(conversation('c1'));
      await store
        .transaction(async (tx) => {
          await tx.conversations.appendMessage(message('m1', 'c1', 'lost'));
          await tx.conversations.linkTicket('c1', 't1', NOW);
          throw new Error('rollback');
        })
        .catch(() => undefined);
      expect(await store.conversations.listMessages('c1', 0)).toEqual([]);
      expect((await store.conversations.get('c1'))?.ticketId).toBeNull();
      const kept = await store.transaction((tx) =>
        tx.conversations.appendMessage(message('m2', 'c1', 'kept')),
      );
      expect(kept.seq).toBe(1);
    });
  });
}
