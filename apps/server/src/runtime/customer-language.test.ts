import type { TicketStatus } from '@flowdesk/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IntakeRequest } from '../runtime-port.ts';
import {
  type CapturedMail,
  capturingOutbox,
  createRuntimeHarness,
  edge,
  graph,
  node,
  type RuntimeHarness,
  sequentialIds,
  setTicketStatus,
} from './runtime-test-kit.ts';

/**
 * Customers are written to in their own language in every flow: the intake
 * flow's reply follows the message, and flows without a request (ticket events,
 * external events, the survey after resolving) follow the language kept on the
 * customer's profile.
 */
describe('messages in the customer’s language', () => {
  let harness: RuntimeHarness;
  let mails: CapturedMail[];

  beforeEach(async () => {
    const captured = capturingOutbox();
    mails = captured.mails;
    harness = await createRuntimeHarness({ outbox: captured.outbox });
    await harness.publish('intake', intakeFlow());
    await harness.publish('status', statusFlow());
    await harness.publish('survey', surveyFlow());
    await harness.publish('shipped', shippedFlow());
  });
  afterEach(() => harness.close());

  const both = (zh: string, en: string) => ({ 'zh-CN': zh, en });

  function intakeFlow() {
    return graph(
      [
        node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] }),
        node('who', 'action.identify_customer', { by: ['phone', 'email'], createIfMissing: true }),
        node('ticket', 'action.create_ticket', {
          title: '{{ request.message }}',
          description: '{{ request.message }}',
          priority: 'medium',
          team: 'after_sales',
          customFields: {},
        }),
        node('ack', 'action.send_message', {
          channel: 'reply',
          to: 'customer',
          body: both('已收到，工单 {{ ticket.number }}', 'Got it, ticket {{ ticket.number }}'),
        }),
      ],
      [edge('start', 'next', 'who'), edge('who', 'next', 'ticket'), edge('ticket', 'next', 'ack')],
    );
  }

  function statusFlow() {
    return graph(
      [
        node('start', 'trigger.ticket_event', { events: ['status_changed'], statuses: ['in_progress'] }),
        node('tell', 'action.send_message', {
          channel: 'email',
          to: 'customer',
          subject: both('工单处理中', 'We are on it'),
          body: both(
            '您的工单 {{ ticket.number }} 正在处理',
            'Your ticket {{ ticket.number }} is being handled',
          ),
        }),
      ],
      [edge('start', 'next', 'tell')],
    );
  }

  function surveyFlow() {
    return graph(
      [
        node('start', 'trigger.ticket_event', { events: ['status_changed'], statuses: ['resolved'] }),
        node('survey', 'action.send_survey', { kind: 'csat', channel: 'email', expiresInDays: 7 }),
      ],
      [edge('start', 'next', 'survey')],
    );
  }

  function shippedFlow() {
    return graph(
      [
        node('start', 'trigger.external_event', { eventName: 'order.shipped' }),
        node('tell', 'action.send_message', {
          channel: 'email',
          to: 'customer',
          subject: both('订单已发货', 'Your order has shipped'),
          body: both('{{ event.payload.orderNo }} 已发货', '{{ event.payload.orderNo }} is on its way'),
        }),
      ],
      [edge('start', 'next', 'tell')],
    );
  }

  const emailRequest = (email: string, subject: string, message: string): IntakeRequest => ({
    channel: 'email',
    customer: { email },
    subject,
    message,
    attachments: [],
    customFields: {},
    metadata: {},
  });

  const ids = sequentialIds('desk');
  const setStatus = (ticketNumber: string, status: TicketStatus) =>
    setTicketStatus(harness, ids, ticketNumber, status);

  async function drain() {
    for (let round = 0; round < 5; round++) await harness.drain();
  }

  it('answers an English email in English and keeps English for the flows that follow', async () => {
    const intake = await harness.runtime.intake(
      emailRequest(
        'amy@example.com',
        'Broken headphones',
        'Hi, my headphones stopped working after two days.',
      ),
      {},
    );
    const ticketNumber = intake.produced.ticketNumber as string;
    expect(intake.produced.replies.map((reply) => reply.text)).toEqual([`Got it, ticket ${ticketNumber}`]);
    const customer = await harness.store.customers.findByIdentity('default', {
      kind: 'email',
      value: 'amy@example.com',
    });
    expect(customer?.locale).toBe('en');
    await drain();
    // On the email channel the reply goes out as an email answering theirs.
    expect(mails[0]?.text).toBe(`Got it, ticket ${ticketNumber}`);

    await setStatus(ticketNumber, 'in_progress');
    await drain();
    expect(mails.slice(1)).toEqual([
      {
        to: 'amy@example.com',
        subject: 'We are on it',
        text: `Your ticket ${ticketNumber} is being handled`,
      },
    ]);

    await setStatus(ticketNumber, 'resolved');
    await drain();
    const survey = mails[2];
    expect(survey?.to).toBe('amy@example.com');
    expect(survey?.text).toContain('How satisfied are you with our service?');
    expect(survey?.text).not.toMatch(/\p{Script=Han}/u);

    await harness.runtime.emitEvent({
      name: 'order.shipped',
      payload: { orderNo: 'SO-8831' },
      customer: { email: 'Amy@Example.com' },
    });
    await drain();
    // The profile is found however the address is written; the mail goes where the event says.
    expect(mails[3]).toEqual({
      to: 'Amy@Example.com',
      subject: 'Your order has shipped',
      text: 'SO-8831 is on its way',
    });
  });

  it('keeps a Chinese customer in Chinese', async () => {
    const intake = await harness.runtime.intake(
      emailRequest('wang@example.cn', '耳机坏了', '您好，我的 AirPods Pro 用了两天就没声音了'),
      {},
    );
    const ticketNumber = intake.produced.ticketNumber as string;
    expect(intake.produced.replies.map((reply) => reply.text)).toEqual([`已收到，工单 ${ticketNumber}`]);

    await setStatus(ticketNumber, 'in_progress');
    await setStatus(ticketNumber, 'resolved');
    await drain();
    expect(mails.map((mail) => mail.text)).toEqual([
      `已收到，工单 ${ticketNumber}`,
      `您的工单 ${ticketNumber} 正在处理`,
      expect.stringContaining('您对本次服务满意吗？'),
    ]);

    await harness.runtime.emitEvent({
      name: 'order.shipped',
      payload: { orderNo: 'SO-1001' },
      customer: { email: 'wang@example.cn' },
    });
    await drain();
    expect(mails[3]?.text).toBe('SO-1001 已发货');
  });

  it('lets the event say the language, and keeps the profile’s when a message says too little', async () => {
    await harness.runtime.emitEvent({
      name: 'order.shipped',
      payload: { orderNo: 'SO-7' },
      customer: { email: 'new@example.com', locale: 'en' },
    });
    await drain();
    expect(mails[0]?.subject).toBe('Your order has shipped');

    await harness.runtime.intake(emailRequest('amy@example.com', 'Order', 'Where is my order?'), {});
    const followUp = await harness.runtime.intake(emailRequest('amy@example.com', '', '👍 8831'), {});
    expect(followUp.produced.replies[0]?.text).toMatch(/^Got it, ticket /);
  });
});
