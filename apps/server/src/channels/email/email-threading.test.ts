import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeMail, createEmailBed, type EmailBed, SUPPORT_ADDRESS } from './email-test-kit.ts';

/**
 * Who may write into a ticket by email: only its customer, whether the mail
 * is found by its reply headers or by the ticket number in its subject. A
 * stranger who got hold of a Message-ID (any Cc'd copy carries them) or
 * guessed a ticket number starts a request of their own.
 */

let bed: EmailBed;
const CUSTOMER = '王小明 <xiaoming@example.com>';
const STRANGER = 'Mallory <mallory@example.net>';
const firstId = '<thread-a@example.com>';
let ticketNumber = '';
let ourReplyId = '';

beforeAll(async () => {
  bed = await createEmailBed();
  await bed.send({
    from: CUSTOMER,
    to: SUPPORT_ADDRESS,
    subject: 'Order A2002 missing',
    messageId: firstId,
    text: 'Where is my order?',
  });
  ticketNumber = (await bed.ticketOf(firstId))?.number ?? '';
  await bed.drain();
  ourReplyId = bed.sink.received[0]?.mail.messageId ?? '';
});
afterAll(async () => {
  await bed.close();
});

async function customerMessages(): Promise<string[]> {
  const ticket = await bed.harness.store.tickets.getByNumber(ticketNumber);
  const history = await bed.harness.store.ticketHistory.list(ticket?.id ?? '');
  return history.filter((entry) => entry.field === 'customer_message').map((entry) => String(entry.to));
}

/** The new request's run carries the ticket it referred to, for the flows and the agent. */
async function referencedBy(messageId: string): Promise<boolean> {
  const ticket = await bed.ticketOf(messageId);
  const { items } = await bed.harness.store.executions.list({ limit: 500 });
  for (const item of items) {
    const record = await bed.harness.store.executions.get(item.id);
    const state = JSON.stringify(record?.state ?? {});
    if (state.includes(ticket?.number ?? '-') && state.includes(`"referencedTicket":"${ticketNumber}"`)) {
      return true;
    }
  }
  return false;
}

describe('email threading', () => {
  it('has a ticket and our reply to thread onto', () => {
    expect(ticketNumber).toMatch(/^CS\d+$/);
    expect(ourReplyId).not.toBe('');
  });

  it('starts a new request when a stranger answers our reply’s Message-ID', async () => {
    const strangerId = '<mallory-1@example.net>';
    await bed.send({
      from: STRANGER,
      to: SUPPORT_ADDRESS,
      subject: 'Re: Order A2002 missing',
      messageId: strangerId,
      inReplyTo: ourReplyId,
      references: [firstId, ourReplyId],
      text: 'Please change the delivery address to 1 Evil Road.',
    });
    const ticket = await bed.ticketOf(strangerId);
    expect(ticket?.number).toMatch(/^CS\d+$/);
    expect(ticket?.number).not.toBe(ticketNumber);
    expect(await customerMessages()).toEqual([]);
    expect(await referencedBy(strangerId)).toBe(true);
  });

  it('starts a new request when a stranger puts the ticket number in the subject', async () => {
    const response = await bed.post(
      await composeMail({
        from: STRANGER,
        to: SUPPORT_ADDRESS,
        subject: `Re: [${ticketNumber}] Order A2002 missing`,
        messageId: '<mallory-2@example.net>',
        text: 'Cancel it.',
      }),
    );
    expect(response.status).toBe(202);
    const body = (await response.json()) as { ticketNumber?: string; threadedTo?: string };
    expect(body.threadedTo).toBeUndefined();
    expect(body.ticketNumber).not.toBe(ticketNumber);
    expect(await customerMessages()).toEqual([]);
    expect(await referencedBy('<mallory-2@example.net>')).toBe(true);
  });

  it('still threads the customer’s own answer, whatever the case of the address', async () => {
    const answerId = '<thread-a-2@example.com>';
    await bed.send({
      from: '王小明 <XiaoMing@Example.com>',
      to: SUPPORT_ADDRESS,
      subject: 'Re: Order A2002 missing',
      messageId: answerId,
      inReplyTo: ourReplyId,
      references: [firstId, ourReplyId],
      text: 'The tracking number is SF42.',
    });
    expect((await bed.ticketOf(answerId))?.number).toBe(ticketNumber);
    expect(await customerMessages()).toEqual(['The tracking number is SF42.']);
  });
});
