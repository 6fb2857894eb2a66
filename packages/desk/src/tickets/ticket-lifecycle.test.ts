import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AGENT_ACTOR,
  agent,
  type DeskHarness,
  FLOW_ACTOR,
  openHarness,
  team,
  value,
} from '../testing/desk-test-kit.ts';
import { createTicket } from './ticket-create.ts';
import { TICKET_EVENT_JOB, type TicketEventPayload } from './ticket-events.ts';
import { changeTicketStatus, reopenTicket, resolveTicket } from './ticket-lifecycle.ts';
import { addInternalNote, recordCustomerReply, updateTicketFields } from './ticket-update.ts';

let desk: DeskHarness;

beforeEach(async () => {
  desk = await openHarness();
});
afterEach(async () => {
  await desk.close();
});

async function newTicket(extra: { team?: string; customerId?: string } = {}) {
  const created = await desk.run((scope) =>
    createTicket(
      scope,
      {
        title: '退货',
        description: '订单 {{ 7*7 }} 要退货',
        channel: 'web_form',
        priority: 'auto',
        ...extra,
      },
      { actor: FLOW_ACTOR },
    ),
  );
  return value(created).ticket;
}

async function events(): Promise<TicketEventPayload[]> {
  const jobs = await desk.store.jobs.list({ kind: TICKET_EVENT_JOB });
  return jobs.map((job) => job.payload as unknown as TicketEventPayload);
}

describe('ticket lifecycle', () => {
  it('walks new → assigned → in progress → waiting → resolved → closed, with history and events', async () => {
    const ticket = await newTicket();
    expect(ticket).toMatchObject({ status: 'new', priority: 'medium', description: '订单 {{ 7*7 }} 要退货' });
    for (const status of ['assigned', 'in_progress', 'waiting_for_customer'] as const) {
      value(await desk.run((scope) => changeTicketStatus(scope, ticket.id, status, { actor: AGENT_ACTOR })));
    }
    const resolved = value(
      await desk.run((scope) => resolveTicket(scope, ticket.id, '已为客户办理退货', { actor: AGENT_ACTOR })),
    );
    expect(resolved).toMatchObject({
      status: 'resolved',
      solution: '已为客户办理退货',
      resolvedAt: desk.clock.now().toISOString(),
    });
    value(await desk.run((scope) => changeTicketStatus(scope, ticket.id, 'closed', { actor: AGENT_ACTOR })));

    const history = await desk.store.ticketHistory.list(ticket.id);
    const statusChanges = history.filter((entry) => entry.field === 'status');
    expect(statusChanges.map((entry) => [entry.from, entry.to])).toEqual([
      [null, 'new'],
      ['new', 'assigned'],
      ['assigned', 'in_progress'],
      ['in_progress', 'waiting_for_customer'],
      ['waiting_for_customer', 'resolved'],
      ['resolved', 'closed'],
    ]);
    expect(statusChanges[0]?.actor).toEqual(FLOW_ACTOR);
    expect(statusChanges[1]?.actor).toEqual(AGENT_ACTOR);
    expect(history.find((entry) => entry.field === 'solution')?.to).toBe('已为客户办理退货');

    const emitted = await events();
    expect(emitted.map((event) => event.event)).toEqual([
      'created',
      'status_changed',
      'status_changed',
      'status_changed',
      'status_changed',
      'status_changed',
    ]);
    expect(emitted[4]).toMatchObject({
      status: 'resolved',
      previousStatus: 'waiting_for_customer',
      ticketNumber: ticket.number,
    });
  });

  it('refuses an invalid transition and names the allowed ones in both languages', async () => {
    const ticket = await newTicket();
    value(await desk.run((scope) => resolveTicket(scope, ticket.id, '已处理', { actor: AGENT_ACTOR })));
    value(await desk.run((scope) => changeTicketStatus(scope, ticket.id, 'closed', { actor: AGENT_ACTOR })));
    const refused = await desk.run((scope) =>
      resolveTicket(scope, ticket.id, '再次解决', { actor: AGENT_ACTOR }),
    );
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error).toMatchObject({
      code: 'desk.invalid_transition',
      from: 'closed',
      to: 'resolved',
      allowed: ['in_progress'],
    });
    expect(refused.error.message['zh-CN']).toContain('已关闭');
    expect(refused.error.message['zh-CN']).toContain('处理中');
    expect(refused.error.message.en).toContain('"Closed" to "Resolved"');
    expect((await desk.store.tickets.get(ticket.id))?.status).toBe('closed');
  });

  it('needs a solution summary of at most 100 characters to resolve', async () => {
    const ticket = await newTicket();
    const empty = await desk.run((scope) => resolveTicket(scope, ticket.id, '  ', { actor: AGENT_ACTOR }));
    expect(empty.ok ? null : empty.error.code).toBe('desk.solution_required');
    const long = await desk.run((scope) =>
      resolveTicket(scope, ticket.id, '退'.repeat(101), { actor: AGENT_ACTOR }),
    );
    expect(long.ok ? null : long.error).toMatchObject({ code: 'desk.solution_too_long', limit: 100 });
    expect(
      value(
        await desk.run((scope) => resolveTicket(scope, ticket.id, '退'.repeat(100), { actor: AGENT_ACTOR })),
      ).status,
    ).toBe('resolved');
  });

  it('reopens resolved tickets only, back to in progress, and gives the agent the ticket again', async () => {
    await desk.store.teams.put(team('after_sales'));
    await desk.store.agents.create(agent('a1', { activeCount: 1 }));
    const ticket = await newTicket({ team: 'after_sales' });
    value(
      await desk.run((scope) => changeTicketStatus(scope, ticket.id, 'in_progress', { actor: AGENT_ACTOR })),
    );
    await desk.store.tickets.update(ticket.id, { assignee: 'a1' });
    const notYet = await desk.run((scope) => reopenTicket(scope, ticket.id, { actor: AGENT_ACTOR }));
    expect(notYet.ok ? null : notYet.error).toMatchObject({
      code: 'desk.invalid_transition',
      from: 'in_progress',
    });
    value(await desk.run((scope) => resolveTicket(scope, ticket.id, '已处理', { actor: AGENT_ACTOR })));
    expect((await desk.store.agents.get('a1'))?.activeCount).toBe(0);
    const reopened = value(await desk.run((scope) => reopenTicket(scope, ticket.id, { actor: AGENT_ACTOR })));
    expect(reopened).toMatchObject({ status: 'in_progress', resolvedAt: null, assignee: 'a1' });
    expect((await desk.store.agents.get('a1'))?.activeCount).toBe(1);
  });

  it('records field changes, notes and customer replies', async () => {
    const ticket = await newTicket();
    value(
      await desk.run((scope) =>
        updateTicketFields(
          scope,
          ticket.id,
          { priority: 'urgent', addTags: ['催单'], customFields: { orderNo: 'A1' } },
          { actor: AGENT_ACTOR },
        ),
      ),
    );
    value(await desk.run((scope) => addInternalNote(scope, ticket.id, '客户很着急', { actor: AGENT_ACTOR })));
    value(
      await desk.run((scope) => changeTicketStatus(scope, ticket.id, 'in_progress', { actor: AGENT_ACTOR })),
    );
    value(
      await desk.run((scope) =>
        changeTicketStatus(scope, ticket.id, 'waiting_for_customer', { actor: AGENT_ACTOR }),
      ),
    );
    const replied = value(
      await desk.run((scope) => recordCustomerReply(scope, ticket.id, '订单号是 A1', FLOW_ACTOR)),
    );
    expect(replied).toMatchObject({
      status: 'in_progress',
      priority: 'urgent',
      tags: ['催单'],
      customFields: { orderNo: 'A1' },
    });
    const fields = (await desk.store.ticketHistory.list(ticket.id)).map((entry) => entry.field);
    expect(fields).toEqual(expect.arrayContaining(['priority', 'tags', 'customFields']));
    expect((await desk.store.ticketNotes.list(ticket.id)).map((note) => note.body)).toEqual(['客户很着急']);
    expect((await events()).at(-1)).toMatchObject({ event: 'customer_replied', message: '订单号是 A1' });
  });

  it('answers not found for an unknown ticket', async () => {
    const result = await desk.run((scope) =>
      changeTicketStatus(scope, 'nope', 'closed', { actor: AGENT_ACTOR }),
    );
    expect(result.ok ? null : result.error).toMatchObject({
      code: 'desk.not_found',
      what: 'ticket',
      id: 'nope',
    });
  });
});
