import type { CustomerIdentityKind } from '@flowdesk/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AGENT_ACTOR, type DeskHarness, FLOW_ACTOR, openHarness, value } from '../testing/desk-test-kit.ts';
import { AGENT_REPLY_MAX_LENGTH, AgentReplySchema, replyToCustomer } from './agent-reply.ts';
import { createTicket } from './ticket-create.ts';

let desk: DeskHarness;

beforeEach(async () => {
  desk = await openHarness();
});
afterEach(async () => {
  await desk.close();
});

async function newTicket(channel: string, customerId?: string) {
  const created = await desk.run((scope) =>
    createTicket(
      scope,
      {
        title: '退货',
        description: '',
        channel,
        priority: 'medium',
        ...(customerId ? { customerId } : {}),
      },
      { actor: FLOW_ACTOR },
    ),
  );
  desk.clock.advanceMinutes(5);
  return value(created).ticket;
}

async function customerWith(kind: CustomerIdentityKind, address: string): Promise<string> {
  const profile = await desk.store.customers.create({
    id: 'c1',
    workspaceId: 'default',
    name: '王小明',
    identities: [{ kind, value: address }],
    now: desk.clock.now().toISOString(),
  });
  return profile.id;
}

const outbox = () => desk.store.jobs.list({ kind: 'outbox.deliver' });
const replies = async (ticketId: string) =>
  (await desk.store.ticketHistory.list(ticketId)).filter((entry) => entry.field === 'reply');

describe('an agent replies to the customer', () => {
  it('meets the first response, keeps the text on the ticket and queues an email in the customer’s thread', async () => {
    const ticket = await newTicket('email', await customerWith('email', 'wang@example.cn'));
    const answeredAt = desk.clock.now().toISOString();

    const outcome = value(
      await desk.run((scope) =>
        replyToCustomer(scope, ticket.id, { body: '您好，已为您安排退货。' }, AGENT_ACTOR),
      ),
    );

    expect(outcome).toMatchObject({
      queued: true,
      channel: 'email',
      ticket: { firstRespondedAt: answeredAt },
    });
    expect(await replies(ticket.id)).toEqual([
      expect.objectContaining({
        actor: AGENT_ACTOR,
        to: '您好，已为您安排退货。',
        note: 'email',
        at: answeredAt,
      }),
    ]);
    const [job] = await outbox();
    expect(job?.payload).toMatchObject({
      channel: 'email',
      to: 'wang@example.cn',
      subject: `Re: [${ticket.number}] 退货`,
      body: '您好，已为您安排退货。',
    });
    // The delivery key names the reply, so a retried job is delivered once.
    expect(job?.idempotencyKey).toBe(`reply:ticket-reply:${ticket.id}:${job?.id}`);
  });

  it('keeps the ticket number and Re: on a subject of the agent’s own, so the mail stays in the thread', async () => {
    const ticket = await newTicket('email', await customerWith('email', 'wang@example.cn'));
    for (const subject of ['Passed to a colleague', `About ${ticket.number}`]) {
      value(
        await desk.run((scope) => replyToCustomer(scope, ticket.id, { body: '您好', subject }, AGENT_ACTOR)),
      );
    }
    expect((await outbox()).map((job) => job.payload.subject)).toEqual([
      `Re: [${ticket.number}] Passed to a colleague`,
      `About ${ticket.number}`,
    ]);
  });

  it('keeps the first response time when the agent replies again, and queues each reply', async () => {
    const ticket = await newTicket('phone', await customerWith('phone', '13812345678'));
    const first = desk.clock.now().toISOString();
    value(await desk.run((scope) => replyToCustomer(scope, ticket.id, { body: '第一次答复' }, AGENT_ACTOR)));
    desk.clock.advanceMinutes(10);

    const again = value(
      await desk.run((scope) => replyToCustomer(scope, ticket.id, { body: '第二次答复' }, AGENT_ACTOR)),
    );

    expect(again.ticket.firstRespondedAt).toBe(first);
    expect((await outbox()).map((job) => job.payload)).toEqual([
      { channel: 'sms', to: '13812345678', body: '第一次答复' },
      { channel: 'sms', to: '13812345678', body: '第二次答复' },
    ]);
  });

  it('reaches a caller not yet known as a customer at the number of the ticket’s conversation', async () => {
    const ticket = await newTicket('phone');
    const at = desk.clock.now().toISOString();
    await desk.store.conversations.create({
      id: 'conv-1',
      workspaceId: 'default',
      channel: 'phone',
      customerKey: '13900000000',
      ticketId: ticket.id,
      tokenHash: null,
      createdAt: at,
      updatedAt: at,
    });

    const outcome = value(
      await desk.run((scope) => replyToCustomer(scope, ticket.id, { body: '稍后回电' }, AGENT_ACTOR)),
    );

    expect(outcome.queued).toBe(true);
    expect((await outbox()).map((job) => job.payload)).toEqual([
      { channel: 'sms', to: '13900000000', body: '稍后回电' },
    ]);
    expect((await desk.store.conversations.listMessages('conv-1', 0)).map((message) => message.body)).toEqual(
      ['稍后回电'],
    );
  });

  it('only records the reply when the channel has no way back to the customer', async () => {
    const ticket = await newTicket('api');

    const outcome = value(
      await desk.run((scope) => replyToCustomer(scope, ticket.id, { body: 'Noted.' }, AGENT_ACTOR)),
    );

    expect(outcome).toMatchObject({ queued: false, channel: 'api' });
    expect(await outbox()).toEqual([]);
    expect((await replies(ticket.id)).map((entry) => entry.to)).toEqual(['Noted.']);
  });

  it('refuses, naming what is missing, when the customer has no contact on the ticket’s channel, and writes nothing', async () => {
    const ticket = await newTicket('email', await customerWith('phone', '13812345678'));

    const refused = await desk.run((scope) =>
      replyToCustomer(scope, ticket.id, { body: '您好' }, AGENT_ACTOR),
    );

    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'desk.no_contact',
        channel: 'email',
        message: { en: 'The customer has no email address, so the reply was not sent' },
      },
    });
    expect(await outbox()).toEqual([]);
    expect(await replies(ticket.id)).toEqual([]);
    expect((await desk.store.tickets.get(ticket.id))?.firstRespondedAt).toBeNull();
  });

  it('refuses an unknown ticket and writes nothing', async () => {
    const result = await desk.run((scope) =>
      replyToCustomer(scope, 'no-such-ticket', { body: 'hello' }, AGENT_ACTOR),
    );

    expect(result).toMatchObject({ ok: false, error: { code: 'desk.not_found', what: 'ticket' } });
    expect(await outbox()).toEqual([]);
    expect(await desk.store.ticketHistory.list('no-such-ticket')).toEqual([]);
  });
});

describe('AgentReplySchema', () => {
  it('trims the text and the subject', () => {
    expect(AgentReplySchema.parse({ body: '  您好  ', subject: ' 退货 ' })).toEqual({
      body: '您好',
      subject: '退货',
    });
  });

  it('refuses an empty reply, one that is too long, and fields it does not know', () => {
    const refused = (input: unknown) => AgentReplySchema.safeParse(input).success === false;
    expect(refused({ body: '   ' })).toBe(true);
    expect(refused({ body: 'x'.repeat(AGENT_REPLY_MAX_LENGTH + 1) })).toBe(true);
    expect(refused({ body: 'ok', subject: '' })).toBe(true);
    expect(refused({ body: 'ok', cc: 'someone@example.cn' })).toBe(true);
    expect(refused({ body: 'x'.repeat(AGENT_REPLY_MAX_LENGTH) })).toBe(false);
  });
});
