import { messageIdDigest } from '@flowdesk/connectors';
import { openSqliteStore, type SqliteStore } from '@flowdesk/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Enqueue, type ReplyOrigin, replySubject, routeReply } from './reply-routing.ts';

const NOW = new Date('2026-11-23T08:00:00Z');

describe('routeReply', () => {
  let store: SqliteStore;
  let queued: Parameters<Enqueue>[0][];
  const enqueue: Enqueue = async (job) => {
    queued.push(job);
  };
  const reply = (extra: { answering?: boolean; key?: string } = {}) => ({
    body: '您好 {{ customer.name }}，工单已受理',
    author: 'flow' as const,
    key: extra.key ?? 'exec-1:send:1',
    now: NOW,
    answering: extra.answering ?? false,
  });

  beforeEach(async () => {
    store = await openSqliteStore({ path: ':memory:' });
    queued = [];
  });
  afterEach(() => store.close());

  const conversation = async (channel: string) => {
    await store.conversations.create({
      id: `c-${channel}`,
      workspaceId: 'default',
      channel,
      customerKey: 'key',
      ticketId: 't1',
      tokenHash: null,
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    });
    return `c-${channel}`;
  };

  it('puts a chat reply in the conversation, literally, and sends nothing', async () => {
    const id = await conversation('chat');
    const routed = await routeReply(store, { channel: 'chat', conversationId: id }, reply(), enqueue);
    expect(routed).toEqual({ route: 'conversation', queued: false });
    expect(queued).toEqual([]);
    const [message] = await store.conversations.listMessages(id, 0);
    expect(message).toMatchObject({
      direction: 'out',
      author: 'flow',
      body: '您好 {{ customer.name }}，工单已受理',
    });
  });

  it('answers an email in the customer’s thread and remembers our Message-ID for their answer', async () => {
    const id = await conversation('email');
    await store.conversations.appendMessage({
      id: 'in-1',
      conversationId: id,
      direction: 'in',
      author: 'customer',
      body: 'help',
      externalId: '<customer-1@mail.example>',
      createdAt: NOW.toISOString(),
    });
    const origin: ReplyOrigin = {
      channel: 'email',
      conversationId: id,
      email: 'li@example.cn',
      ticketNumber: 'CS202611230001',
      ticketTitle: '订单未到',
    };
    const routed = await routeReply(store, origin, reply(), enqueue);
    expect(routed).toEqual({ route: 'email', queued: true });
    expect(queued[0]).toMatchObject({
      kind: 'outbox.deliver',
      idempotencyKey: 'reply:exec-1:send:1',
      payload: {
        channel: 'email',
        to: 'li@example.cn',
        subject: 'Re: [CS202611230001] 订单未到',
        inReplyTo: '<customer-1@mail.example>',
        references: ['<customer-1@mail.example>'],
      },
    });
    const found = await store.conversations.findMessageByExternalId(
      'default',
      'email',
      messageIdDigest('reply:exec-1:send:1'),
    );
    expect(found).toMatchObject({ direction: 'out', conversationId: id });
  });

  it('leaves a WeChat reply to the passive answer while the intake waits, and queues it later', async () => {
    const origin: ReplyOrigin = { channel: 'wechat', conversationId: null, channelId: 'openid-1' };
    expect(await routeReply(store, origin, reply({ answering: true }), enqueue)).toEqual({
      route: 'answer',
      queued: false,
    });
    expect(queued).toEqual([]);
    expect(await routeReply(store, origin, reply({ key: 'k2' }), enqueue)).toEqual({
      route: 'wechat',
      queued: true,
    });
    expect(queued[0]?.payload).toMatchObject({ channel: 'wechat', to: 'openid-1' });
  });

  it('texts a caller and only records a reply it has no address for', async () => {
    expect(
      await routeReply(
        store,
        { channel: 'phone', conversationId: null, phone: '13800138000' },
        reply(),
        enqueue,
      ),
    ).toEqual({ route: 'sms', queued: true });
    expect(queued[0]?.payload).toMatchObject({ channel: 'sms', to: '13800138000' });
    expect(await routeReply(store, { channel: 'email', conversationId: null }, reply(), enqueue)).toEqual({
      route: 'recorded',
      queued: false,
    });
    expect(await routeReply(store, { channel: 'api', conversationId: null }, reply(), enqueue)).toEqual({
      route: 'recorded',
      queued: false,
    });
  });

  it('writes a repeated step once', async () => {
    const id = await conversation('chat');
    await routeReply(store, { channel: 'chat', conversationId: id }, reply(), enqueue);
    await routeReply(store, { channel: 'chat', conversationId: id }, reply(), enqueue);
    expect(await store.conversations.listMessages(id, 0)).toHaveLength(1);
  });

  it('puts the ticket number in the subject so an answer threads back', () => {
    expect(replySubject({ ticketNumber: 'CS1', ticketTitle: 'Late' })).toBe('Re: [CS1] Late');
    expect(replySubject({ ticketNumber: null, ticketTitle: 'Late' })).toBe('Re: Late');
  });
});
