import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
  ticketAndReplyFlow,
} from './runtime-test-kit.ts';

/**
 * "Reply on the request's channel" in a flow that no request started: a
 * ticket event knows the ticket, so the reply (and a survey sent that way)
 * goes back on the ticket's channel, in the customer's email thread.
 */
describe('replies from flows started by a ticket event', () => {
  let harness: RuntimeHarness;
  let mails: CapturedMail[];

  beforeEach(async () => {
    const captured = capturingOutbox();
    mails = captured.mails;
    harness = await createRuntimeHarness({ outbox: captured.outbox });
    const intake = ticketAndReplyFlow({ channels: ['email'], reply: { 'zh-CN': '已收到', en: 'Got it' } });
    // The customer is identified, so the ticket knows whom to write to later.
    intake.nodes.push(node('who', 'action.identify_customer', { by: ['email'], createIfMissing: true }));
    intake.edges = intake.edges.map((item) => (item.source === 'start' ? { ...item, target: 'who' } : item));
    intake.edges.push(edge('who', 'next', 'ticket'));
    await harness.publish('intake', intake);
    await harness.publish(
      'on-resolved',
      graph(
        [
          node('start', 'trigger.ticket_event', { events: ['status_changed'], statuses: ['resolved'] }),
          node('tell', 'action.send_message', {
            channel: 'reply',
            to: 'customer',
            body: { 'zh-CN': '您的问题已解决', en: 'Your ticket {{ ticket.number }} is resolved' },
          }),
          node('ask', 'action.send_survey', { kind: 'csat', channel: 'reply', expiresInDays: 7 }),
          node('done', 'action.end', { outcome: 'completed' }),
        ],
        [edge('start', 'next', 'tell'), edge('tell', 'next', 'ask'), edge('ask', 'next', 'done')],
      ),
    );
  });
  afterEach(() => harness.close());

  const ids = sequentialIds('desk');
  const resolve = (ticketNumber: string) => setTicketStatus(harness, ids, ticketNumber, 'resolved');

  it('emails the reply and the survey to the customer of an email ticket', async () => {
    const intake = await harness.runtime.intake(
      {
        channel: 'email',
        customer: { email: 'bob@example.com', locale: 'en' },
        message: 'My parcel never arrived, please help',
        attachments: [],
        customFields: {},
        metadata: {},
      },
      {},
    );
    const ticketNumber = intake.produced.ticketNumber ?? '';
    expect(ticketNumber).toMatch(/^CS/);
    for (let round = 0; round < 3; round++) await harness.drain();
    expect(mails.map((mail) => mail.text)).toEqual(['Got it']);

    await resolve(ticketNumber);
    harness.clock.advance(1000);
    for (let round = 0; round < 5; round++) await harness.drain();

    const later = mails.slice(1);
    expect(later.map((mail) => mail.to)).toEqual(['bob@example.com', 'bob@example.com']);
    expect(later[0]?.text).toBe(`Your ticket ${ticketNumber} is resolved`);
    expect(later[0]?.subject).toContain(ticketNumber);
    expect(later[1]?.text).toMatch(/\/s\/\S+/);
  });
});
