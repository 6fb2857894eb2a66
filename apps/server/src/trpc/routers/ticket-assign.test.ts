import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBed, type TestBed } from '../../testing/server-test-kit.ts';
import { seedDesk } from '../../tickets/ticket-test-seed.ts';

describe('tickets.assign', () => {
  let bed: TestBed;
  beforeEach(async () => {
    bed = await createTestBed();
  });
  afterEach(() => bed.close());

  it('hands a ticket to a chosen agent or to a team by its strategy, with the person as actor', async () => {
    const ticket = await seedDesk(bed);
    const tickets = bed.callerAs(bed.users.admin).tickets;
    const byTeam = await tickets.assign({ id: ticket.id, to: { target: 'team', teamId: 'after_sales' } });
    expect(byTeam).toMatchObject({ assignee: 'agent-li', team: 'after_sales', status: 'assigned' });
    const history = await bed.store.ticketHistory.list(ticket.id);
    expect(history.find((entry) => entry.field === 'assignee')?.actor).toEqual({
      kind: 'user',
      id: bed.users.admin.id,
    });

    await expect(
      tickets.assign({ id: 'missing', to: { target: 'agent', agentId: 'agent-li' } }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      bed
        .callerAs(bed.users.viewer)
        .tickets.assign({ id: ticket.id, to: { target: 'agent', agentId: 'agent-li' } }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
