import type { Priority } from '@flowdesk/model';
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
import { createTicket } from '../tickets/ticket-create.ts';
import { resolveTicket } from '../tickets/ticket-lifecycle.ts';
import { rankCandidates } from './agent-picker.ts';
import { type AssignTarget, assignTicket, setAgentOnline } from './routing-service.ts';

let desk: DeskHarness;
beforeEach(async () => {
  desk = await openHarness();
  await desk.store.teams.put(team('after_sales', { supervisorQueue: 'supervisors' }));
});
afterEach(async () => {
  await desk.close();
});

async function ticket(priority: Priority = 'medium', vipLevel = 0) {
  let customerId: string | null = null;
  if (vipLevel > 0) {
    customerId = desk.deps.ids.next();
    await desk.store.customers.create({
      id: customerId,
      workspaceId: 'default',
      vipLevel,
      identities: [],
      now: desk.clock.now().toISOString(),
    });
  }
  const created = await desk.run((scope) =>
    createTicket(
      scope,
      { title: 't', description: '', channel: 'chat', priority, customerId },
      { actor: FLOW_ACTOR },
    ),
  );
  desk.clock.advanceMinutes(1);
  return value(created).ticket;
}

async function assign(ticketId: string, target: AssignTarget) {
  return value(await desk.run((scope) => assignTicket(scope, ticketId, target, { actor: FLOW_ACTOR })));
}

const toTeam = (
  strategy: 'round_robin' | 'least_loaded' | 'skills',
  skills: string[] = [],
): AssignTarget => ({
  target: 'team',
  teamId: 'after_sales',
  strategy,
  skills,
});

describe('routing strategies', () => {
  it('round-robin takes online agents in turn and skips offline or full ones', async () => {
    await desk.store.agents.create(agent('a1'));
    await desk.store.agents.create(agent('a2'));
    await desk.store.agents.create(agent('a3', { online: false }));
    const owners: Array<string | null> = [];
    for (let index = 0; index < 5; index += 1) {
      owners.push((await assign((await ticket()).id, toTeam('round_robin'))).ticket.assignee);
    }
    expect(owners).toEqual(['a1', 'a2', 'a1', 'a2', null]);
  });

  it('least-loaded picks whoever has the fewest open tickets', async () => {
    await desk.store.agents.create(agent('a1', { activeCount: 1, capacity: 5 }));
    await desk.store.agents.create(agent('a2', { activeCount: 3, capacity: 5 }));
    await desk.store.agents.create(agent('a3', { activeCount: 0, capacity: 5 }));
    const first = await assign((await ticket()).id, toTeam('least_loaded'));
    const second = await assign((await ticket()).id, toTeam('least_loaded'));
    expect([first.ticket.assignee, second.ticket.assignee]).toEqual(['a3', 'a1']);
    expect(first.ticket.status).toBe('assigned');
    expect((await desk.store.agents.get('a3'))?.activeCount).toBe(1);
  });

  it('skills match picks only agents with every skill, then the least loaded', async () => {
    await desk.store.agents.create(agent('a1', { skills: ['English'] }));
    await desk.store.agents.create(agent('a2', { skills: ['english', 'refunds'], activeCount: 1 }));
    await desk.store.agents.create(agent('a3', { skills: ['refunds', 'English'] }));
    const result = await assign((await ticket()).id, toTeam('skills', ['english', 'Refunds']));
    expect(result.ticket.assignee).toBe('a3');
    expect(
      rankCandidates(await desk.store.agents.list(), { strategy: 'skills', skills: ['french'] }),
    ).toEqual([]);
  });

  it('assigns a named agent even beyond capacity and frees the previous one', async () => {
    await desk.store.agents.create(agent('a1'));
    await desk.store.agents.create(agent('a2', { activeCount: 2 }));
    const t = await ticket();
    await assign(t.id, toTeam('least_loaded'));
    const moved = await assign(t.id, { target: 'agent', agentId: 'a2' });
    expect(moved.ticket).toMatchObject({ assignee: 'a2', team: 'after_sales' });
    expect((await desk.store.agents.get('a2'))?.activeCount).toBe(3);
    expect((await desk.store.agents.get('a1'))?.activeCount).toBe(0);
  });
});

describe('team queue', () => {
  it('queues tickets when nobody is free and hands the VIP, then urgent, then oldest one to a freed agent', async () => {
    await desk.store.agents.create(agent('a1', { capacity: 1 }));
    const busy = await ticket();
    await assign(busy.id, toTeam('least_loaded'));
    const oldLow = await ticket('low');
    const urgent = await ticket('urgent');
    const newerUrgent = await ticket('urgent');
    const vipLow = await ticket('low', 1);
    for (const waiting of [oldLow, urgent, newerUrgent, vipLow]) {
      const queued = await assign(waiting.id, toTeam('least_loaded'));
      expect(queued).toMatchObject({
        queued: true,
        agent: null,
        ticket: { assignee: null, team: 'after_sales', status: 'new' },
      });
    }
    const order: string[] = [];
    let current = busy.id;
    for (let index = 0; index < 4; index += 1) {
      value(await desk.run((scope) => resolveTicket(scope, current, '已处理', { actor: AGENT_ACTOR })));
      const [next] = await desk.store.tickets.list({ assignee: 'a1', status: 'assigned' });
      if (!next) throw new Error('the freed agent got nothing');
      order.push(next.id);
      current = next.id;
    }
    expect(order).toEqual([vipLow.id, urgent.id, newerUrgent.id, oldLow.id]);
  });

  it('gives queued work to an agent who comes online', async () => {
    await desk.store.agents.create(agent('a1', { online: false }));
    const waiting = await ticket();
    expect((await assign(waiting.id, toTeam('round_robin'))).queued).toBe(true);
    value(await desk.run((scope) => setAgentOnline(scope, 'a1', true)));
    expect((await desk.store.tickets.get(waiting.id))?.assignee).toBe('a1');
  });

  it('refuses to assign a resolved ticket and reports unknown teams', async () => {
    const done = await ticket();
    value(await desk.run((scope) => resolveTicket(scope, done.id, '已处理', { actor: AGENT_ACTOR })));
    const refused = await desk.run((scope) =>
      assignTicket(scope, done.id, toTeam('round_robin'), { actor: FLOW_ACTOR }),
    );
    expect(refused.ok ? null : refused.error.code).toBe('desk.invalid_transition');
    const unknown = await desk.run((scope) =>
      assignTicket(
        scope,
        done.id,
        { target: 'team', teamId: 'nope', strategy: 'round_robin' },
        { actor: FLOW_ACTOR },
      ),
    );
    expect(unknown.ok ? null : unknown.error.code).toBe('desk.invalid_transition');
    const open = await ticket();
    const missingTeam = await desk.run((scope) =>
      assignTicket(
        scope,
        open.id,
        { target: 'team', teamId: 'nope', strategy: 'round_robin' },
        { actor: FLOW_ACTOR },
      ),
    );
    expect(missingTeam.ok ? null : missingTeam.error).toMatchObject({ code: 'desk.not_found', what: 'team' });
  });
});
