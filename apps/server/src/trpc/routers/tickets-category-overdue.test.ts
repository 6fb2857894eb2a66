import type { Ticket } from '@flowdesk/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  apiKeyFor,
  createTestBed,
  type RunningServer,
  startServer,
  type TestBed,
} from '../../testing/server-test-kit.ts';
import { seedDesk } from '../../tickets/ticket-test-seed.ts';

let bed: TestBed;
beforeEach(async () => {
  bed = await createTestBed();
  // Round the clock (the team has no calendar): answer in 30 minutes, solve in an hour.
  await bed.store.slaPolicies.put({
    id: 'standard',
    workspaceId: 'default',
    name: 'standard',
    match: {},
    firstResponseMinutes: 30,
    resolutionMinutes: 60,
    warnAtShare: 0.8,
    order: 1,
    calendar: null,
  });
});
afterEach(async () => {
  await bed.close();
});

const HOUR = 3_600_000;

describe('tickets.changeCategory', () => {
  it("sets the category and keeps the agent's choice as a classifier correction", async () => {
    const ticket = await seedDesk(bed);
    const agent = bed.callerAs(bed.users.agent).tickets;
    expect(await agent.changeCategory({ id: ticket.id, category: 'returns' })).toMatchObject({
      category: 'returns',
    });
    expect(await bed.store.classifierCorrections.list('default')).toMatchObject([
      {
        text: ticket.description,
        fromLabel: null,
        toLabel: 'returns',
        ticketId: ticket.id,
        by: bed.users.agent.id,
      },
    ]);
    // The same category again is no correction.
    await agent.changeCategory({ id: ticket.id, category: 'returns' });
    expect(await bed.store.classifierCorrections.count('default')).toBe(1);
    await expect(
      bed.callerAs(bed.users.viewer).tickets.changeCategory({ id: ticket.id, category: 'x' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(agent.changeCategory({ id: 'nope', category: 'x' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('overdue tickets', () => {
  it('tickets.overdue lists open tickets past their due time for every ticket reader', async () => {
    const ticket = await seedDesk(bed);
    const viewer = bed.callerAs(bed.users.viewer).tickets;
    expect(await viewer.overdue()).toEqual([]);
    bed.clock.advance(2 * HOUR);
    expect((await viewer.overdue()).map((entry: Ticket) => entry.id)).toEqual([ticket.id]);
    expect(await bed.callerAs(bed.users.editor).tickets.overdue({ limit: 1 })).toHaveLength(1);
    await bed.callerAs(bed.users.agent).tickets.resolve({ id: ticket.id, solution: '已退款' });
    expect(await viewer.overdue()).toEqual([]);
  });

  it('GET /api/v1/tickets/overdue answers the same over HTTP behind an agent key; POST …/category records', async () => {
    const server: RunningServer = await startServer(bed);
    try {
      const ticket = await seedDesk(bed);
      const agentKey = await apiKeyFor(bed, 'agent');
      const get = async (query = '', key = agentKey) => {
        const response = await fetch(`${server.baseUrl}/api/v1/tickets/overdue${query}`, {
          headers: { authorization: `Bearer ${key}` },
        });
        return { status: response.status, body: (await response.json()) as { items?: Ticket[] } };
      };
      expect(await get()).toEqual({ status: 200, body: { items: [] } });
      bed.clock.advance(2 * HOUR);
      const listed = await get('?limit=5');
      expect(listed.status).toBe(200);
      expect(listed.body.items?.map((entry) => entry.number)).toEqual([ticket.number]);
      expect((await get('?limit=0')).status).toBe(400);
      expect((await get('', await apiKeyFor(bed, 'viewer'))).status).toBe(403);

      const changed = await fetch(`${server.baseUrl}/api/v1/tickets/${ticket.id}/category`, {
        method: 'POST',
        headers: { authorization: `Bearer ${agentKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ category: 'returns' }),
      });
      expect(changed.status).toBe(200);
      expect(await changed.json()).toMatchObject({ category: 'returns' });
      expect(await bed.store.classifierCorrections.list('default')).toMatchObject([
        { toLabel: 'returns', by: expect.stringMatching(/^api-key:/) },
      ]);
    } finally {
      await server.close();
    }
  });
});
