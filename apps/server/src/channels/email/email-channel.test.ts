import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeMail, createEmailBed, type EmailBed, SUPPORT_ADDRESS } from './email-test-kit.ts';

/**
 * The email channel through real protocols on loopback: nodemailer → our SMTP
 * listener → request → ticket → the flow's reply received by an SMTP sink, in
 * the customer's thread; then the thread continues both ways.
 */

let bed: EmailBed;
const CUSTOMER = '王小明 <xiaoming@example.com>';

beforeAll(async () => {
  bed = await createEmailBed();
});
afterAll(async () => {
  await bed.close();
});

/** The SMTP answer code a sending server would see, or 250 when accepted. */
async function smtpCode(send: Promise<void>): Promise<number> {
  try {
    await send;
    return 250;
  } catch (error) {
    return (error as { responseCode?: number }).responseCode ?? -1;
  }
}

async function ticketCount(): Promise<number> {
  return (await bed.harness.store.tickets.list()).length;
}

describe('email channel', () => {
  const firstId = '<order-a1001@example.com>';
  let ticketNumber = '';
  let ourReplyId = '';

  it('turns a mail into a ticket and answers in the same thread, customer text kept literally', async () => {
    await bed.send({
      from: CUSTOMER,
      to: SUPPORT_ADDRESS,
      subject: '订单 A1001 没收到',
      messageId: firstId,
      text: [
        'My name is {{ customer.name }} and {% if true %}refund me{% endif %}.',
        '',
        'On Mon, 23 Nov 2026 at 10:00, Shop Support <support@shop.example.cn> wrote:',
        '> an older message',
      ].join('\n'),
    });
    const ticket = await bed.ticketOf(firstId);
    expect(ticket?.number).toMatch(/^CS\d{8}\d{3,}$/);
    ticketNumber = ticket?.number ?? '';
    expect(ticket?.channel).toBe('email');
    expect(ticket?.title).toBe('订单 A1001 没收到');
    expect(ticket?.description).toBe('My name is {{ customer.name }} and {% if true %}refund me{% endif %}.');

    await bed.drain();
    expect(bed.sink.received).toHaveLength(1);
    const reply = bed.sink.received[0];
    expect(reply?.to).toEqual(['xiaoming@example.com']);
    expect(reply?.mail.inReplyTo).toBe(firstId);
    expect(reply?.mail.subject).toContain(`[${ticketNumber}]`);
    expect(reply?.mail.text).toContain(
      'My name is {{ customer.name }} and {% if true %}refund me{% endif %}.',
    );
    // The mail's own words are English (only the subject is Chinese), so the answer is English.
    expect(reply?.mail.text).toContain(`Ticket ${ticketNumber}`);
    ourReplyId = reply?.mail.messageId ?? '';
  });

  it('adds the customer’s answer to our reply to the same ticket, quoted history stripped', async () => {
    const before = await ticketCount();
    await bed.send({
      from: CUSTOMER,
      to: SUPPORT_ADDRESS,
      subject: `Re: [${ticketNumber}] 订单 A1001 没收到`,
      messageId: '<order-a1001-2@example.com>',
      inReplyTo: ourReplyId,
      references: [firstId, ourReplyId],
      text: '快递单号是 SF123。\n\n在 2026年11月23日 10:00，Shop Support <support@shop.example.cn> 写道：\n> 已收到您的邮件',
    });
    expect(await ticketCount()).toBe(before);
    const ticket = await bed.ticketOf('<order-a1001-2@example.com>');
    expect(ticket?.number).toBe(ticketNumber);
    const history = await bed.harness.store.ticketHistory.list(ticket?.id ?? '');
    expect(history.filter((entry) => entry.field === 'customer_message').map((entry) => entry.to)).toEqual([
      '快递单号是 SF123。',
    ]);
  });

  it('sends an agent’s reply on the ticket in the thread, answering the latest customer mail', async () => {
    const ticket = await bed.ticketOf(firstId);
    const sent = bed.sink.received.length;
    const outcome = await bed.caller.tickets.reply({
      id: ticket?.id ?? '',
      body: '已为您催促快递 {{ ticket.number }}',
    });
    expect(outcome).toMatchObject({ queued: true, channel: 'email' });
    await bed.drain();
    const mail = bed.sink.received[sent];
    expect(mail?.to).toEqual(['xiaoming@example.com']);
    expect(mail?.mail.inReplyTo).toBe('<order-a1001-2@example.com>');
    expect(mail?.mail.references).toEqual(expect.arrayContaining([firstId, ourReplyId]));
    expect(mail?.mail.subject).toContain(`[${ticketNumber}]`);
    expect(mail?.mail.text?.trim()).toBe('已为您催促快递 {{ ticket.number }}');
  });

  it('threads by the ticket number in the subject only for that ticket’s customer', async () => {
    const before = await ticketCount();
    await bed.send({
      from: CUSTOMER,
      to: SUPPORT_ADDRESS,
      subject: `关于 ${ticketNumber}`,
      messageId: '<by-subject@example.com>',
      text: '还有一个问题。',
    });
    expect((await bed.ticketOf('<by-subject@example.com>'))?.number).toBe(ticketNumber);
    await bed.send({
      from: 'stranger@example.net',
      to: SUPPORT_ADDRESS,
      subject: `关于 ${ticketNumber}`,
      messageId: '<stranger@example.net>',
      text: '我想看这个工单。',
    });
    expect((await bed.ticketOf('<stranger@example.net>'))?.number).not.toBe(ticketNumber);
    expect(await ticketCount()).toBe(before + 1);
  });

  it('acknowledges a repeated Message-ID without a second request, over SMTP and HTTP', async () => {
    const before = await ticketCount();
    const executions = (await bed.harness.store.executions.list({ limit: 500 })).items.length;
    const mail = {
      from: CUSTOMER,
      to: SUPPORT_ADDRESS,
      subject: '订单 A1001 没收到',
      messageId: firstId,
      text: 'again',
    };
    expect(await smtpCode(bed.send(mail))).toBe(250);
    const response = await bed.post(await composeMail(mail));
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ requestId: expect.any(String), ticketNumber, duplicate: true });
    expect(await ticketCount()).toBe(before);
    expect((await bed.harness.store.executions.list({ limit: 500 })).items.length).toBe(executions);
  });

  it('takes raw MIME over HTTP as a new request', async () => {
    const raw = await composeMail({
      from: '李雷 <lilei@example.com>',
      to: SUPPORT_ADDRESS,
      subject: 'Invoice',
      messageId: '<invoice-1@example.com>',
      html: '<p>Please send the <b>invoice</b>.</p>',
    });
    const response = await bed.post(raw);
    expect(response.status).toBe(202);
    const body = (await response.json()) as { ticketNumber: string; duplicate: boolean };
    expect(body).toMatchObject({ ticketNumber: expect.stringMatching(/^CS/), duplicate: false });
    const ticket = await bed.ticketOf('<invoice-1@example.com>');
    expect(ticket?.description).toBe('Please send the invoice.');
    const plain = await bed.post(raw.toString('utf8'), 'text/plain');
    expect(((await plain.json()) as { duplicate: boolean }).duplicate).toBe(true);
    expect((await bed.post('{}', 'application/json')).status).toBe(415);
  });

  it('refuses oversized mail with 552 over SMTP and 413 over HTTP, storing nothing', async () => {
    const before = await ticketCount();
    const big = {
      from: CUSTOMER,
      to: SUPPORT_ADDRESS,
      subject: 'big',
      messageId: '<big@example.com>',
      text: 'x'.repeat(40_000),
    };
    expect(await smtpCode(bed.send(big))).toBe(552);
    const response = await bed.post(await composeMail(big));
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
    expect(await ticketCount()).toBe(before);
    expect(
      await bed.harness.store.conversations.findMessageByExternalId('default', 'email', '<big@example.com>'),
    ).toBeNull();
  });

  it('refuses an unknown recipient with 550 over SMTP and 400 over HTTP', async () => {
    const mail = {
      from: CUSTOMER,
      to: 'sales@shop.example.cn',
      subject: 'hi',
      messageId: '<nobody@example.com>',
      text: 'hi',
    };
    expect(await smtpCode(bed.send(mail))).toBe(550);
    expect((await bed.post(await composeMail(mail))).status).toBe(400);
    expect(await bed.ticketOf('<nobody@example.com>')).toBeNull();
  });

  it('refuses everything while the channel is switched off, and takes mail again once it is on', async () => {
    const admin = bed.harness.store.channelSettings;
    const current = await admin.get('default', 'email');
    await admin.put({
      ...(current ?? { workspaceId: 'default', channel: 'email', settings: {}, updatedAt: '' }),
      enabled: false,
    });
    const mail = {
      from: CUSTOMER,
      to: SUPPORT_ADDRESS,
      subject: 'off',
      messageId: '<off@example.com>',
      text: 'hello',
    };
    expect(await smtpCode(bed.send(mail))).toBe(550);
    const response = await bed.post(await composeMail(mail), 'message/rfc822');
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('email_channel_off');
    expect(await bed.ticketOf('<off@example.com>')).toBeNull();
    await admin.put({
      ...(current ?? { workspaceId: 'default', channel: 'email', settings: {}, updatedAt: '' }),
      enabled: true,
    });
    expect(await smtpCode(bed.send(mail))).toBe(250);
    expect(await bed.ticketOf('<off@example.com>')).not.toBeNull();
  });
});
