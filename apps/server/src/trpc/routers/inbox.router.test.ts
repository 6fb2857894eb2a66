import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBed, type TestBed } from '../../testing/server-test-kit.ts';
import { FLOW_SEED, seedFlowTicket } from '../../tickets/flow-ticket-seed.ts';

let bed: TestBed;
beforeEach(async () => {
  bed = await createTestBed();
});
afterEach(async () => {
  await bed.close();
});

/** Agent Li is the bed's agent user; agent Chen is the supervisor user, who also works tickets. */
async function seed() {
  return seedFlowTicket(
    bed.store,
    bed.services,
    [
      { id: 'agent-li', userId: bed.users.agent.id, name: '李娜' },
      { id: 'agent-chen', userId: bed.users.supervisor.id, name: 'Chen' },
    ],
    bed.clock.now(),
  );
}

describe('inbox router', () => {
  it('shows a flow-created ticket in the team queue with a masked contact, then in mine after the claim', async () => {
    const ticket = await seed();
    const li = bed.callerAs(bed.users.agent).inbox;
    const team = await li.queues({ queue: 'team' });
    expect(team.counts).toMatchObject({ mine: 0, team: 1, overdue: 0 });
    expect(team.agentId).toBe('agent-li');
    expect(team.items).toHaveLength(1);
    expect(team.items[0]).toMatchObject({
      number: ticket.number,
      vipLevel: 2,
      customer: { name: '赵敏', contact: expect.stringMatching(/^\*+5678$/) },
    });
    expect(JSON.stringify(team)).not.toContain(FLOW_SEED.phone);
    expect(JSON.stringify(team)).not.toContain(FLOW_SEED.email);

    await bed.callerAs(bed.users.agent).tickets.claim({ id: ticket.id });
    const after = await li.queues({ queue: 'mine' });
    expect(after.counts).toMatchObject({ mine: 1, team: 0 });
    expect(after.items[0]).toMatchObject({ id: ticket.id, assignee: 'agent-li', assigneeName: '李娜' });
  });

  it('refuses a second agent claiming a claimed ticket with a translated conflict and changes nothing', async () => {
    const ticket = await seed();
    await bed.callerAs(bed.users.agent).tickets.claim({ id: ticket.id });
    const history = await bed.store.ticketHistory.list(ticket.id);
    const refused = await bed
      .callerAs(bed.users.supervisor)
      .tickets.claim({ id: ticket.id })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({
      code: 'CONFLICT',
      cause: {
        code: 'ticket_claim_conflict',
        messages: {
          en: expect.stringContaining(`Ticket ${ticket.number} is already claimed by 李娜`),
          'zh-CN': expect.stringContaining(`工单 ${ticket.number} 已由 李娜 认领`),
        },
      },
    });
    expect(await bed.store.tickets.get(ticket.id)).toMatchObject({ assignee: 'agent-li' });
    expect(await bed.store.ticketHistory.list(ticket.id)).toHaveLength(history.length);
    // Claiming one's own ticket again is not a conflict.
    await expect(bed.callerAs(bed.users.agent).tickets.claim({ id: ticket.id })).resolves.toMatchObject({
      assignee: 'agent-li',
    });
  });

  it('lets the holder release a ticket back to the team queue, and refuses anyone else', async () => {
    const ticket = await seed();
    await bed.callerAs(bed.users.agent).tickets.claim({ id: ticket.id });
    await expect(bed.callerAs(bed.users.supervisor).inbox.release({ id: ticket.id })).rejects.toMatchObject({
      code: 'CONFLICT',
      cause: { code: 'ticket_claim_conflict' },
    });
    expect(await bed.callerAs(bed.users.agent).inbox.release({ id: ticket.id })).toMatchObject({
      assignee: null,
    });
    const team = await bed.callerAs(bed.users.supervisor).inbox.queues({ queue: 'team' });
    expect(team.items.map((item) => item.id)).toEqual([ticket.id]);
    expect((await bed.store.agents.get('agent-li'))?.activeCount).toBe(0);
    // Now the supervisor's claim goes through.
    await expect(bed.callerAs(bed.users.supervisor).tickets.claim({ id: ticket.id })).resolves.toMatchObject({
      assignee: 'agent-chen',
    });
  });

  it('filters every queue alike: number, customer by name or last four, channel, priority, SLA state', async () => {
    const ticket = await seed();
    const li = bed.callerAs(bed.users.agent).inbox;
    const count = async (filters: object) => (await li.queues({ queue: 'team', ...filters })).counts.team;
    expect(await count({ search: ticket.number.slice(-4) })).toBe(1);
    expect(await count({ search: 'CS19990101' })).toBe(0);
    expect(await count({ customer: '赵' })).toBe(1);
    expect(await count({ customer: '5678' })).toBe(1);
    // The whole number is not what the reader sees, so it finds nothing: no way to probe contacts.
    expect(await count({ customer: '13812345678' })).toBe(0);
    expect(await count({ channel: 'email' })).toBe(1);
    expect(await count({ channel: 'chat' })).toBe(0);
    expect(await count({ priority: 'high' })).toBe(1);
    expect(await count({ priority: 'low' })).toBe(0);
    expect(await count({ slaState: ticket.slaState })).toBe(1);
    expect(await count({ slaState: 'breached' })).toBe(0);
  });

  it('puts VIP tickets first in the team queue, then older first', async () => {
    const vip = await seed();
    bed.clock.advance(60_000);
    const { createTicket } = await import('@flowdesk/desk');
    const { inDesk } = await import('../../tickets/ticket-actions.ts');
    const regular = await inDesk(bed.services, async (scope) => {
      const result = await createTicket(
        scope,
        {
          title: 'older? no, newer and not VIP',
          description: 'x',
          channel: 'chat',
          priority: 'urgent',
          team: 'after_sales',
        },
        { actor: { kind: 'system', id: 'test' } },
      );
      if (!result.ok) throw new Error('not created');
      return result.value.ticket;
    });
    const team = await bed.callerAs(bed.users.agent).inbox.queues({ queue: 'team' });
    expect(team.items.map((item) => item.id)).toEqual([vip.id, regular.id]);
  });

  it('lists overdue tickets once their due time has passed', async () => {
    const ticket = await seed();
    expect(ticket.firstResponseDueAt).not.toBeNull();
    bed.clock.advance(30 * 24 * 3600_000);
    const overdue = await bed.callerAs(bed.users.agent).inbox.queues({ queue: 'overdue' });
    expect(overdue.items.map((item) => item.id)).toEqual([ticket.id]);
  });

  it('is for people who work tickets: viewers and editors are refused, input is validated', async () => {
    await seed();
    await expect(bed.callerAs(bed.users.viewer).inbox.queues({})).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(bed.callerAs(bed.users.editor).inbox.queues({})).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(bed.callerAs(bed.users.viewer).inbox.release({ id: 'x' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(bed.callerAs(null).inbox.queues({})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(
      bed.callerAs(bed.users.agent).inbox.queues({ queue: 'everything' as never }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    // An admin without an agent profile sees every team's queue.
    const admin = await bed.callerAs(bed.users.admin).inbox.queues({ queue: 'team' });
    expect(admin).toMatchObject({ agentId: null, counts: { team: 1, mine: 0 } });
  });
});
