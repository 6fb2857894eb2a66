import { createTicket, escalateTicket } from '@flowdesk/desk';
import type { Ticket, TicketPatch } from '@flowdesk/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBed, type TestBed } from '../../testing/server-test-kit.ts';
import { inDesk } from '../../tickets/ticket-actions.ts';
import { seedDesk } from '../../tickets/ticket-test-seed.ts';

/** The supervisor view (issue 13, item 5): overview, agents' status, bulk reassign, escalations. */

const MINUTE = 60_000;

async function addAgent(bed: TestBed, id: string, extra: { online?: boolean; capacity?: number } = {}) {
  await bed.store.agents.create({
    id,
    workspaceId: 'default',
    userId: null,
    name: id === 'agent-chen' ? '陈伟' : id,
    teams: ['after_sales'],
    skills: [],
    capacity: extra.capacity ?? 5,
    online: extra.online ?? true,
    activeCount: 0,
    lastAssignedAt: null,
  });
}

async function newTicket(bed: TestBed, title: string, patch: TicketPatch = {}): Promise<Ticket> {
  const ticket = await inDesk(bed.services, async (scope) => {
    const result = await createTicket(
      scope,
      { title, description: title, channel: 'email', priority: 'medium', team: 'after_sales' },
      { actor: { kind: 'system', id: 'test' } },
    );
    if (!result.ok) throw new Error(result.error.message.en);
    return result.value.ticket;
  });
  return (await bed.store.tickets.update(ticket.id, patch)) ?? ticket;
}

describe('supervisor view', () => {
  let bed: TestBed;
  beforeEach(async () => {
    bed = await createTestBed();
  });
  afterEach(() => bed.close());

  it('refuses agents, editors and viewers; supervisors and admins may oversee', async () => {
    const ticket = await seedDesk(bed);
    for (const role of ['agent', 'editor', 'viewer'] as const) {
      const caller = bed.callerAs(bed.users[role]);
      await expect(caller.supervisor.overview()).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(caller.supervisor.escalations()).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(caller.supervisor.tickets()).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(
        caller.supervisor.setAgentStatus({ agentId: 'agent-li', status: 'away' }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(
        caller.tickets.bulkReassign({ ticketIds: [ticket.id], agentId: 'agent-li' }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect((await bed.store.tickets.get(ticket.id))?.assignee).toBeNull();
    expect((await bed.store.agents.get('agent-li'))?.online).toBe(true);
    for (const role of ['supervisor', 'admin'] as const) {
      const overview = await bed.callerAs(bed.users[role]).supervisor.overview();
      expect(overview.teams.map((team) => team.id)).toEqual(['after_sales']);
    }
    await expect(bed.callerAs(null).supervisor.overview()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('counts backlog, overdue, at risk and the oldest waiting per team, and load per agent', async () => {
    // The first ticket waits from the start, the second from an hour later; the view is read 90 minutes in.
    await seedDesk(bed);
    await addAgent(bed, 'agent-chen', { capacity: 4 });
    const start = bed.clock.now().getTime();
    const iso = (offset: number) => new Date(start + offset).toISOString();
    bed.clock.advance(60 * MINUTE);
    await newTicket(bed, 'late answer', { firstResponseDueAt: iso(89 * MINUTE) });
    bed.clock.advance(30 * MINUTE);
    const supervisor = bed.callerAs(bed.users.supervisor);
    await bed.callerAs(bed.users.admin).tickets.assign({
      id: (await newTicket(bed, 'at risk', { slaState: 'warning', resolutionDueAt: iso(91 * MINUTE) })).id,
      to: { target: 'agent', agentId: 'agent-chen' },
    });
    const overdueForChen = await newTicket(bed, 'overdue', { resolutionDueAt: iso(85 * MINUTE) });
    await supervisor.tickets.bulkReassign({ ticketIds: [overdueForChen.id], agentId: 'agent-chen' });
    const done = await newTicket(bed, 'done', { status: 'resolved', resolutionDueAt: iso(89 * MINUTE) });
    expect(done.status).toBe('resolved');

    const overview = await supervisor.supervisor.overview();
    expect(overview.teams).toEqual([
      {
        id: 'after_sales',
        name: { 'zh-CN': '售后', en: 'After-sales' },
        open: 4,
        unassigned: 2,
        assigned: 2,
        overdue: 2,
        atRisk: 1,
        oldestWaitingAt: iso(0),
        agents: 2,
        availableAgents: 2,
      },
    ]);
    expect(overview.agents.find((agent) => agent.id === 'agent-chen')).toEqual({
      id: 'agent-chen',
      name: '陈伟',
      teams: ['after_sales'],
      status: 'available',
      open: 2,
      overdue: 1,
      atRisk: 1,
      capacity: 4,
      activeCount: 2,
      loadShare: 0.5,
      lastAssignedAt: bed.clock.now().toISOString(),
    });
    expect(overview.agents.find((agent) => agent.id === 'agent-li')).toMatchObject({
      open: 0,
      loadShare: 0,
      lastAssignedAt: null,
    });
  });

  it('reassigns in bulk ticket by ticket: a refused or unknown ticket is reported, the others move, one audit entry', async () => {
    const first = await seedDesk(bed);
    await addAgent(bed, 'agent-chen', { capacity: 1 });
    const second = await newTicket(bed, 'second');
    const resolved = await newTicket(bed, 'already resolved', { status: 'resolved' });
    const foreign = await bed.store.tickets.create({
      ...second,
      id: 'foreign-1',
      number: 'CS20261122999',
      workspaceId: 'elsewhere',
      createdByKey: null,
    });
    expect(foreign.workspaceId).toBe('elsewhere');
    const ids = [first.id, 'no-such-ticket', second.id, resolved.id, foreign.id];
    const { results } = await bed
      .callerAs(bed.users.supervisor)
      .tickets.bulkReassign({ ticketIds: ids, agentId: 'agent-chen' });

    expect(results.map((result) => [result.id, result.ok])).toEqual([
      [first.id, true],
      ['no-such-ticket', false],
      [second.id, true],
      [resolved.id, false],
      [foreign.id, false],
    ]);
    const refused = results.filter((result) => !result.ok);
    expect(refused.map((result) => (result.ok ? '' : result.code))).toEqual([
      'desk.not_found',
      'desk.invalid_transition',
      'desk.not_found',
    ]);
    expect(refused[0]).toMatchObject({ message: { en: 'Ticket no-such-ticket does not exist' } });
    expect(refused[0]?.ok === false && refused[0].message['zh-CN']).toContain('no-such-ticket');
    // Naming an agent counts against capacity but is not refused by it, as a single reassign.
    for (const id of [first.id, second.id]) {
      expect(await bed.store.tickets.get(id)).toMatchObject({ assignee: 'agent-chen', status: 'assigned' });
    }
    expect((await bed.store.agents.get('agent-chen'))?.activeCount).toBe(2);
    expect((await bed.store.tickets.get(resolved.id))?.assignee).toBeNull();
    expect((await bed.store.tickets.get(foreign.id))?.assignee).toBeNull();
    const history = await bed.store.ticketHistory.list(first.id);
    expect(history.find((entry) => entry.field === 'assignee')?.actor).toEqual({
      kind: 'user',
      id: bed.users.supervisor.id,
    });

    const audit = await bed.store.audit.list({ action: 'ticket.bulk_reassign' });
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({
      target: 'agent:agent-chen',
      details: {
        ticketIds: ids,
        agentId: 'agent-chen',
        reassigned: 2,
        refused: ids.filter((id) => id !== first.id && id !== second.id),
      },
    });
  });

  it('refuses an unknown target, no target or more than 100 tickets, changing nothing', async () => {
    const ticket = await seedDesk(bed);
    const supervisor = bed.callerAs(bed.users.supervisor);
    await expect(
      supervisor.tickets.bulkReassign({ ticketIds: [ticket.id], agentId: 'agent-nobody' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      supervisor.tickets.bulkReassign({ ticketIds: [ticket.id], team: 'no-team' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(supervisor.tickets.bulkReassign({ ticketIds: [ticket.id] })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    const many = Array.from({ length: 101 }, (_, index) => `t-${index}`);
    await expect(
      supervisor.tickets.bulkReassign({ ticketIds: many, agentId: 'agent-li' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await bed.store.tickets.get(ticket.id))?.assignee).toBeNull();
    expect((await bed.store.audit.list({ action: 'ticket.bulk_reassign' })).items).toHaveLength(0);
  });

  it('to a team, each ticket goes to an available member by the team strategy', async () => {
    const ticket = await seedDesk(bed);
    await addAgent(bed, 'agent-chen');
    const supervisor = bed.callerAs(bed.users.supervisor);
    await supervisor.supervisor.setAgentStatus({ agentId: 'agent-li', status: 'away' });
    const { results } = await supervisor.tickets.bulkReassign({
      ticketIds: [ticket.id],
      team: 'after_sales',
    });
    expect(results).toEqual([
      { id: ticket.id, ok: true, number: ticket.number, team: 'after_sales', assignee: 'agent-chen' },
    ]);
  });

  it('an away agent gets no new automatic assignment; back to available, they take the waiting ticket', async () => {
    const ticket = await seedDesk(bed);
    const supervisor = bed.callerAs(bed.users.supervisor);
    expect(await supervisor.supervisor.setAgentStatus({ agentId: 'agent-li', status: 'away' })).toEqual({
      id: 'agent-li',
      status: 'away',
    });
    const routed = await supervisor.tickets.assign({
      id: ticket.id,
      to: { target: 'team', teamId: 'after_sales' },
    });
    expect(routed).toMatchObject({ assignee: null, team: 'after_sales' });
    expect((await supervisor.supervisor.overview()).agents[0]).toMatchObject({
      id: 'agent-li',
      status: 'away',
    });

    // The agent sets only their own status, from the inbox.
    const agent = bed.callerAs(bed.users.agent);
    expect(await agent.inbox.myStatus()).toEqual({ agentId: 'agent-li', status: 'away' });
    expect(await agent.inbox.setMyStatus({ status: 'available' })).toEqual({
      agentId: 'agent-li',
      status: 'available',
    });
    expect(await bed.store.tickets.get(ticket.id)).toMatchObject({
      assignee: 'agent-li',
      status: 'assigned',
    });
    await expect(
      // @ts-expect-error: the agent cannot name someone else.
      agent.inbox.setMyStatus({ status: 'away', agentId: 'agent-chen' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      bed.callerAs(bed.users.supervisor).inbox.setMyStatus({ status: 'away' }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    // A supervisor without an agent profile has no status of their own: the toggle stays hidden.
    expect(await bed.callerAs(bed.users.supervisor).inbox.myStatus()).toBeNull();
    await expect(bed.callerAs(bed.users.viewer).inbox.myStatus()).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const audit = await bed.store.audit.list({ action: 'agent.set_status' });
    expect(audit.items.map((entry) => entry.details)).toEqual([
      { status: 'available', own: true },
      { status: 'away' },
    ]);
    await expect(
      supervisor.supervisor.setAgentStatus({ agentId: 'agent-nobody', status: 'away' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lists escalations with why and when, newest first', async () => {
    const first = await seedDesk(bed);
    const second = await newTicket(bed, 'angry customer');
    await newTicket(bed, 'calm customer');
    const escalate = (id: string, reason: string) =>
      inDesk(bed.services, (scope) =>
        escalateTicket(
          scope,
          id,
          { queue: 'supervisor', reason, raisePriority: true },
          { actor: { kind: 'execution', id: 'exec-1' } },
        ),
      );
    await escalate(first.id, 'VIP complained twice');
    const firstAt = bed.clock.now().toISOString();
    bed.clock.advance(5 * MINUTE);
    await escalate(second.id, 'Threatens to go to the regulator');

    const list = await bed.callerAs(bed.users.supervisor).supervisor.escalations();
    expect(list.map((item) => [item.number, item.reason, item.escalatedAt])).toEqual([
      [second.number, 'Threatens to go to the regulator', bed.clock.now().toISOString()],
      [first.number, 'VIP complained twice', firstAt],
    ]);
    expect(list[0]).toMatchObject({
      priority: 'high',
      team: 'supervisor',
      by: { kind: 'execution', id: 'exec-1' },
    });
  });

  it('shows an old ticket escalated just now, even behind 200 newer escalated tickets', async () => {
    const old = await newTicket(bed, 'order lost last month');
    bed.clock.advance(MINUTE);
    const template = await newTicket(bed, 'template');
    for (let index = 0; index < 200; index++) {
      const createdAt = new Date(bed.clock.now().getTime() + index * 1000).toISOString();
      await bed.store.tickets.create({
        ...template,
        id: `escalated-${index}`,
        number: `CS20261122${String(9000 + index)}`,
        createdByKey: null,
        tags: ['escalated'],
        createdAt,
        updatedAt: createdAt,
      });
    }
    bed.clock.advance(10 * MINUTE);
    await inDesk(bed.services, (scope) =>
      escalateTicket(
        scope,
        old.id,
        { queue: 'supervisor', reason: 'Waited a month', raisePriority: false },
        { actor: { kind: 'user', id: 'user-supervisor' } },
      ),
    );

    const [latest] = await bed.callerAs(bed.users.supervisor).supervisor.escalations();
    expect(latest).toMatchObject({
      number: old.number,
      reason: 'Waited a month',
      escalatedAt: bed.clock.now().toISOString(),
    });
  });
});
