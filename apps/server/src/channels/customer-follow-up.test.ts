import type { TicketStatus } from '@flowdesk/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBed, type TestBed } from '../testing/server-test-kit.ts';
import { seedDesk } from '../tickets/ticket-test-seed.ts';
import { acceptsFollowUp, recordCustomerFollowUp } from './customer-follow-up.ts';

let bed: TestBed;
beforeEach(async () => {
  bed = await createTestBed();
});
afterEach(async () => {
  await bed.close();
});

async function followUpOn(status: TicketStatus, body: string) {
  const seeded = await seedDesk(bed);
  const ticket = (await bed.store.tickets.update(seeded.id, { status })) ?? seeded;
  const outcome = await bed.store.transaction((tx) =>
    recordCustomerFollowUp(
      { tx, deps: { clock: bed.clock, ids: bed.services.ids } },
      {
        ticket,
        channel: 'email',
        conversationId: null,
        customerKey: 'wang@example.cn',
        body,
        messageId: 'in-1',
        externalId: '<in-1@example.cn>',
        now: bed.clock.now(),
      },
    ),
  );
  return { ticket, outcome };
}

describe('recordCustomerFollowUp', () => {
  it('puts a ticket waiting for the customer back in progress and keeps the message in history and conversation', async () => {
    const { ticket, outcome } = await followUpOn(
      'waiting_for_customer',
      '订单号是 A1001，{{ customer.name }}',
    );
    expect(outcome.ticket.status).toBe('in_progress');
    expect(outcome.reopened).toBe(false);
    const history = await bed.store.ticketHistory.list(ticket.id);
    expect(history.find((entry) => entry.field === 'customer_message')).toMatchObject({
      to: '订单号是 A1001，{{ customer.name }}',
      note: 'email',
    });
    const conversation = await bed.store.conversations.findByTicket(ticket.id);
    expect(conversation?.id).toBe(outcome.conversationId);
    const messages = await bed.store.conversations.listMessages(outcome.conversationId, 0);
    expect(messages).toMatchObject([
      { direction: 'in', author: 'customer', externalId: '<in-1@example.cn>' },
    ]);
  });

  it('reopens a resolved ticket, and leaves a closed one to a new request', async () => {
    const { outcome } = await followUpOn('resolved', '还是坏的');
    expect(outcome).toMatchObject({ reopened: true, ticket: { status: 'in_progress' } });
    expect(acceptsFollowUp({ ...outcome.ticket, status: 'closed' })).toBe(false);
    expect(acceptsFollowUp({ ...outcome.ticket, status: 'resolved' })).toBe(true);
  });
});
