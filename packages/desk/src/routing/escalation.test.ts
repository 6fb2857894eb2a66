import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agent, type DeskHarness, FLOW_ACTOR, openHarness, team, value } from '../testing/desk-test-kit.ts';
import { createTicket } from '../tickets/ticket-create.ts';
import { escalateTicket } from './escalation.ts';
import {
  CONFIRMATION_REMINDER_JOB,
  confirmCategory,
  handleConfirmationReminder,
} from './pending-confirmation.ts';
import { assignTicket } from './routing-service.ts';

let desk: DeskHarness;
beforeEach(async () => {
  desk = await openHarness();
  await desk.store.teams.put(team('after_sales', { supervisorQueue: 'supervisors' }));
  await desk.store.teams.put(team('supervisors'));
});
afterEach(async () => {
  await desk.close();
});

async function newTicket(extra: { needsConfirmation?: boolean; team?: string } = {}) {
  const created = await desk.run((scope) =>
    createTicket(
      scope,
      { title: '投诉', description: '', channel: 'chat', priority: 'high', ...extra },
      { actor: FLOW_ACTOR },
    ),
  );
  return value(created).ticket;
}

describe('escalation', () => {
  it("moves the ticket to the team's supervisor queue with a raised priority and the reason as a note", async () => {
    await desk.store.agents.create(agent('a1'));
    await desk.store.agents.create(agent('boss', { teams: ['supervisors'], online: false }));
    const ticket = await newTicket();
    value(
      await desk.run((scope) =>
        assignTicket(
          scope,
          ticket.id,
          { target: 'team', teamId: 'after_sales', strategy: 'least_loaded' },
          { actor: FLOW_ACTOR },
        ),
      ),
    );
    const escalate = () =>
      desk.run((scope) =>
        escalateTicket(
          scope,
          ticket.id,
          { queue: 'supervisor', reason: 'VIP 客户投诉', raisePriority: true },
          { actor: FLOW_ACTOR, dedupeKey: 'exec-1:escalate:1' },
        ),
      );
    const escalated = value(await escalate());
    expect(escalated.queue).toBe('supervisors');
    expect(escalated.ticket).toMatchObject({
      team: 'supervisors',
      assignee: null,
      priority: 'urgent',
      tags: ['escalated'],
    });
    expect((await desk.store.agents.get('a1'))?.activeCount).toBe(0);
    expect((await desk.store.ticketNotes.list(ticket.id)).map((note) => note.body)).toEqual(['VIP 客户投诉']);
    const history = await desk.store.ticketHistory.list(ticket.id);
    expect(history.filter((entry) => entry.field === 'team').at(-1)).toMatchObject({
      from: 'after_sales',
      to: 'supervisors',
      note: 'VIP 客户投诉',
    });

    // The same flow step again (a retry) changes nothing more.
    expect(value(await escalate()).ticket.priority).toBe('urgent');
    expect(await desk.store.ticketNotes.list(ticket.id)).toHaveLength(1);
  });
});

describe('pending confirmation', () => {
  it('parks an unclear ticket, reminds its team after 10 minutes, and routes it once confirmed', async () => {
    await desk.store.agents.create(agent('a1'));
    const ticket = await newTicket({ needsConfirmation: true, team: 'after_sales' });
    expect(ticket.status).toBe('pending_confirmation');
    const [reminder] = await desk.store.jobs.list({ kind: CONFIRMATION_REMINDER_JOB });
    expect(reminder?.runAt).toBe(new Date(desk.clock.now().getTime() + 10 * 60_000).toISOString());

    // Assigning a parked ticket only tells it its team: a person must confirm first.
    const parked = value(
      await desk.run((scope) =>
        assignTicket(
          scope,
          ticket.id,
          { target: 'team', teamId: 'after_sales', strategy: 'least_loaded' },
          { actor: FLOW_ACTOR },
        ),
      ),
    );
    expect(parked).toMatchObject({
      queued: true,
      ticket: { status: 'pending_confirmation', assignee: null },
    });

    desk.clock.advanceMinutes(10);
    if (!reminder) throw new Error('no reminder scheduled');
    expect(await desk.run(({ tx }) => handleConfirmationReminder(tx, reminder, desk.deps))).toEqual({
      outcome: 'reminded',
      to: 'after_sales',
    });
    // Written to the team's inbox at once and linked to the ticket; nothing waits in the outbox.
    expect(await desk.store.jobs.list({ kind: 'outbox.deliver' })).toEqual([]);
    const [message] = await desk.store.inAppMessages.listFor('team', 'after_sales');
    expect(message).toMatchObject({ ticketId: ticket.id, subject: ticket.number });
    expect(String(message?.body)).toContain(ticket.number);

    const confirmed = value(
      await desk.run((scope) => confirmCategory(scope, ticket.id, 'after-sale/returns', FLOW_ACTOR)),
    );
    expect(confirmed).toMatchObject({ status: 'assigned', assignee: 'a1', category: 'after-sale/returns' });
    expect(await desk.run(({ tx }) => handleConfirmationReminder(tx, reminder, desk.deps))).toEqual({
      outcome: 'stale',
    });
  });
});
