import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customerUnknown, deskErrorStatus, invalidTransition, notFound } from '../desk-errors.ts';
import { agent, type DeskHarness, FLOW_ACTOR, openHarness, team, value } from '../testing/desk-test-kit.ts';
import { createTicket } from './ticket-create.ts';
import { ticketEventMatches, ticketEventTriggerData } from './ticket-event-trigger.ts';
import { parseTicketEventPayload, TICKET_EVENT_JOB } from './ticket-events.ts';
import { changeTicketStatus } from './ticket-lifecycle.ts';
import { claimTicket, listAgentQueue, listTeamQueue } from './ticket-queues.ts';

let desk: DeskHarness;
beforeEach(async () => {
  desk = await openHarness();
  await desk.store.teams.put(team('after_sales'));
});
afterEach(async () => {
  await desk.close();
});

async function newTicket(priority: 'low' | 'urgent' = 'low') {
  const created = await desk.run((scope) =>
    createTicket(
      scope,
      { title: 't', description: '', channel: 'chat', priority, team: 'after_sales' },
      { actor: FLOW_ACTOR },
    ),
  );
  desk.clock.advanceMinutes(1);
  return value(created).ticket;
}

describe('ticket events as flow triggers', () => {
  it('gives a ticket_event flow the ticket, its customer and the event', async () => {
    await desk.store.customers.create({
      id: 'c1',
      workspaceId: 'default',
      name: '王小明',
      identities: [{ kind: 'phone', value: '13812345678' }],
      now: desk.clock.now().toISOString(),
    });
    const created = await desk.run((scope) =>
      createTicket(
        scope,
        { title: '退货', description: '', channel: 'chat', priority: 'low', customerId: 'c1' },
        { actor: FLOW_ACTOR },
      ),
    );
    const ticket = value(created).ticket;
    value(
      await desk.run((scope) =>
        changeTicketStatus(scope, ticket.id, 'resolved', { actor: FLOW_ACTOR, solution: '已退货' }),
      ),
    );
    const [, resolvedJob] = await desk.store.jobs.list({ kind: TICKET_EVENT_JOB });
    const payload = resolvedJob ? parseTicketEventPayload(resolvedJob.payload) : null;
    if (!payload) throw new Error('no status_changed event');

    expect(ticketEventMatches({ events: ['status_changed'], statuses: ['resolved'] }, payload)).toBe(true);
    expect(ticketEventMatches({ events: ['status_changed'], statuses: ['closed'] }, payload)).toBe(false);
    expect(ticketEventMatches({ events: ['created'] }, payload)).toBe(false);

    const data = await desk.run(({ tx }) => ticketEventTriggerData(tx, payload, desk.deps));
    expect(data).toMatchObject({
      ticket: { number: ticket.number, status: 'resolved' },
      customer: { id: 'c1', name: '王小明', phone: '13812345678' },
      event: { kind: 'status_changed', status: 'resolved', previousStatus: 'new' },
    });
  });
});

describe('agent queues', () => {
  it('lists a team queue in hand-out order and lets an agent claim from it', async () => {
    await desk.store.agents.create(agent('a1', { online: false }));
    const low = await newTicket('low');
    const urgent = await newTicket('urgent');
    const queue = await desk.run((scope) => listTeamQueue(scope, 'after_sales'));
    expect(queue.map((ticket) => ticket.id)).toEqual([urgent.id, low.id]);
    const claimed = value(
      await desk.run((scope) => claimTicket(scope, low.id, 'a1', { kind: 'user', id: 'u1' })),
    );
    expect(claimed).toMatchObject({ assignee: 'a1', status: 'assigned' });
    expect((await desk.run((scope) => listAgentQueue(scope, 'a1'))).map((ticket) => ticket.id)).toEqual([
      low.id,
    ]);
    expect(
      (await desk.run((scope) => listTeamQueue(scope, 'after_sales'))).map((ticket) => ticket.id),
    ).toEqual([urgent.id]);
  });
});

describe('desk errors', () => {
  it('map to the HTTP statuses the API answers with', () => {
    expect(deskErrorStatus(notFound('ticket', 'x'))).toBe(404);
    expect(deskErrorStatus(invalidTransition('closed', 'resolved', ['in_progress']))).toBe(409);
    expect(deskErrorStatus(customerUnknown())).toBe(422);
  });
});
