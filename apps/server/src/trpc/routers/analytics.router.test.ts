import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBed, type TestBed } from '../../testing/server-test-kit.ts';
import { seedDesk } from '../../tickets/ticket-test-seed.ts';

/**
 * analytics.* over tRPC (issue 14, item 2): who may read and set targets, the
 * refusals, and an agent's work on a ticket moving the KPIs as docs/kpis.md says.
 * The bed's clock starts on 22 November 2026 at 08:00 UTC.
 */

const MINUTE = 60_000;
const DAY = { from: '2026-11-22T00:00:00Z', to: '2026-11-23T00:00:00Z' };

function tile<T extends { id: string }>(answer: { kpis: T[] }, id: string): T | undefined {
  return answer.kpis.find((kpi) => kpi.id === id);
}

describe('analytics procedures', () => {
  let bed: TestBed;
  beforeEach(async () => {
    bed = await createTestBed();
  });
  afterEach(() => bed.close());

  it('lets admins, supervisors and editors read KPIs, refuses agents and viewers, and only admins set targets', async () => {
    for (const role of ['agent', 'viewer'] as const) {
      const caller = bed.callerAs(bed.users[role]);
      await expect(caller.analytics.kpis(DAY)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(caller.analytics.series({ ...DAY, kpi: 'volume' })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await expect(caller.analytics.breakdown({ ...DAY, kpi: 'volume', by: 'team' })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await expect(caller.analytics.drillDown({ ...DAY, kpi: 'volume' })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await expect(caller.analytics.targets()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    for (const role of ['admin', 'supervisor', 'editor'] as const) {
      const answer = await bed.callerAs(bed.users[role]).analytics.kpis(DAY);
      expect(tile(answer, 'volume')).toMatchObject({ value: 0, previous: 0, change: 0, target: null });
      // No data is null, never NaN.
      expect(tile(answer, 'csat_mean')).toMatchObject({ value: null, previous: null, change: null });
    }
    for (const role of ['supervisor', 'editor'] as const) {
      await expect(
        bed.callerAs(bed.users[role]).analytics.saveTargets({ fcr_rate: 0.8 }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(bed.callerAs(null).analytics.kpis(DAY)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await bed.callerAs(bed.users.admin).analytics.targets()).toEqual({});
  });

  it('keeps targets in the KPI’s unit, refuses one out of range without changing anything, and shows them on the tiles', async () => {
    const admin = bed.callerAs(bed.users.admin);
    expect(await admin.analytics.saveTargets({ fcr_rate: 0.8, aht: 20 * MINUTE })).toEqual({
      fcr_rate: 0.8,
      aht: 20 * MINUTE,
    });
    await expect(admin.analytics.saveTargets({ fcr_rate: 80 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(admin.analytics.saveTargets({ speed: 1 } as never)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(await admin.analytics.targets()).toEqual({ fcr_rate: 0.8, aht: 20 * MINUTE });
    const answer = await bed.callerAs(bed.users.supervisor).analytics.kpis(DAY);
    expect(tile(answer, 'fcr_rate')).toMatchObject({ target: 0.8 });
    expect(tile(answer, 'nps')).toMatchObject({ target: null });
  });

  it('lets every analytics reader pick a flow by name for the filter, without reading or editing flows', async () => {
    const now = bed.clock.now().toISOString();
    const flow = (id: string, name: string) => ({
      id,
      workspaceId: 'default',
      name,
      draft: {
        nodes: [],
        edges: [],
        settings: { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN' as const, variables: [] },
      },
      createdBy: 'u1',
      now,
    });
    await bed.store.flows.create({
      ...flow('intake', 'Retail intake'),
      localizedName: { 'zh-CN': '零售受理', en: 'Retail intake' },
    });
    await bed.store.flows.create(flow('old', 'Old flow'));
    await bed.store.flows.archive('old', now);
    for (const role of ['admin', 'supervisor', 'editor'] as const) {
      const choices = await bed.callerAs(bed.users[role]).analytics.flows();
      // Names only: no draft graph, no versions, and archived flows are not offered.
      expect(choices).toEqual([
        { id: 'intake', name: 'Retail intake', localizedName: { 'zh-CN': '零售受理', en: 'Retail intake' } },
      ]);
    }
    const supervisor = bed.callerAs(bed.users.supervisor);
    // The filter works for them (the flow exists), while flows themselves stay closed.
    await expect(supervisor.analytics.kpis({ ...DAY, flowId: 'intake' })).resolves.toMatchObject({
      kpis: expect.any(Array),
    });
    await expect(supervisor.flows.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(supervisor.flows.get({ id: 'intake' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    for (const role of ['agent', 'viewer'] as const) {
      await expect(bed.callerAs(bed.users[role]).analytics.flows()).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
    await expect(bed.callerAs(null).analytics.flows()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('refuses a reversed, too long or malformed range and an unknown team or flow, in both languages', async () => {
    const supervisor = bed.callerAs(bed.users.supervisor);
    const refusal = (appCode: string) => ({ code: 'BAD_REQUEST', cause: { code: appCode } });
    await expect(supervisor.analytics.kpis({ from: DAY.to, to: DAY.from })).rejects.toMatchObject(
      refusal('analytics_range_reversed'),
    );
    await expect(
      supervisor.analytics.kpis({ from: '2025-01-01T00:00:00Z', to: '2026-11-23T00:00:00Z' }),
    ).rejects.toMatchObject(refusal('analytics_range_too_long'));
    await expect(supervisor.analytics.kpis({ from: '22/11/2026', to: DAY.to })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(supervisor.analytics.kpis({ ...DAY, team: 'nobody' })).rejects.toMatchObject(
      refusal('analytics_unknown_team'),
    );
    await expect(
      supervisor.analytics.drillDown({ ...DAY, kpi: 'volume', flowId: 'nope' }),
    ).rejects.toMatchObject(refusal('analytics_unknown_flow'));
    await expect(
      supervisor.analytics.series({
        from: '2026-01-01T00:00:00Z',
        to: DAY.to,
        kpi: 'volume',
        bucket: 'hour',
      }),
    ).rejects.toMatchObject(refusal('analytics_too_many_buckets'));
    // Too many points is refused before a single ticket is read (a year by the hour would load them all).
    const read = bed.store.analytics.ticketsForPeriod;
    let reads = 0;
    bed.store.analytics.ticketsForPeriod = (query) => {
      reads += 1;
      return read.call(bed.store.analytics, query);
    };
    await expect(
      supervisor.analytics.series({
        from: '2026-01-01T00:00:00Z',
        to: DAY.to,
        kpi: 'volume',
        bucket: 'hour',
      }),
    ).rejects.toMatchObject(refusal('analytics_too_many_buckets'));
    expect(reads).toBe(0);
    bed.store.analytics.ticketsForPeriod = read;
    const error = await supervisor.analytics.kpis({ ...DAY, team: 'nobody' }).catch((caught) => caught);
    expect(error.cause.messages).toEqual({
      'zh-CN': '筛选的团队「nobody」不存在',
      en: 'The team "nobody" in the filter does not exist',
    });
  });

  it('an agent’s claim, reply, resolve, reopen and a survey answer move the KPIs as the formulas say', async () => {
    const ticket = await seedDesk(bed);
    const agent = bed.callerAs(bed.users.agent);
    bed.clock.advance(5 * MINUTE);
    await agent.tickets.claim({ id: ticket.id });
    bed.clock.advance(10 * MINUTE);
    await agent.tickets.reply({ id: ticket.id, body: '您好，已为您登记退货。' });
    bed.clock.advance(20 * MINUTE);
    await agent.tickets.resolve({ id: ticket.id, solution: '已退货' });
    bed.clock.advance(25 * MINUTE);
    await agent.tickets.reopen({ id: ticket.id, note: '客户说还没收到退款' });
    bed.clock.advance(10 * MINUTE);
    await agent.tickets.resolve({ id: ticket.id, solution: '已退款' });
    const now = bed.clock.now().toISOString();
    await bed.store.surveys.create({
      id: 'survey-1',
      workspaceId: 'default',
      tokenHash: 'hash-1',
      kind: 'csat',
      ticketId: ticket.id,
      customerId: 'cust-1',
      executionId: null,
      channel: 'email',
      locale: 'zh-CN',
      question: '',
      createdAt: now,
      expiresAt: '2026-12-22T00:00:00.000Z',
    });
    await bed.store.surveys.answer('survey-1', { score: 4, comment: null, answeredAt: now });
    bed.clock.advance(60 * MINUTE);

    const supervisor = bed.callerAs(bed.users.supervisor);
    const answer = await supervisor.analytics.kpis(DAY);
    const value = (id: string) => ({ value: tile(answer, id)?.value });
    expect(value('volume').value).toBe(1);
    expect(tile(answer, 'volume')).toMatchObject({ previous: 0, change: 1 });
    // Created 08:00, answered 08:15, first resolved 08:35.
    expect(value('first_response_p50').value).toBe(15 * MINUTE);
    expect(value('resolution_p50').value).toBe(35 * MINUTE);
    // Held by agent Li 08:05–08:35 and again 09:00–09:10.
    expect(value('aht').value).toBe(40 * MINUTE);
    expect(value('reopen_rate').value).toBe(1);
    // Resolved two hours ago: its 7 days have not passed.
    expect(value('fcr_rate').value).toBeNull();
    // A person opened it (no flow step made it): neither automated nor handed over.
    expect(value('automated_resolution_rate').value).toBeNull();
    expect(value('csat_share').value).toBe(1);
    expect(value('csat_mean').value).toBe(4);
    expect(value('backlog').value).toBe(0);
    expect(answer.volume.byTeam).toEqual([{ group: 'after_sales', count: 1 }]);
    expect(answer.volume.byHour[16]).toBe(1); // 08:00 UTC is 16:00 in Shanghai

    const byAgent = await supervisor.analytics.breakdown({ ...DAY, kpi: 'aht', by: 'agent' });
    expect(byAgent.rows).toEqual([
      { group: 'agent-li', name: { 'zh-CN': '李娜', en: '李娜' }, value: 40 * MINUTE, sample: 1 },
    ]);

    const reopened = await supervisor.analytics.drillDown({ ...DAY, kpi: 'reopen_rate' });
    expect(reopened).toMatchObject({ total: 1, tickets: [{ number: ticket.number, counted: true }] });
    const otherTeam = await supervisor.analytics.drillDown({
      ...DAY,
      kpi: 'reopen_rate',
      group: { by: 'channel', value: 'chat' },
    });
    expect(otherTeam.total).toBe(0);

    const series = await supervisor.analytics.series({
      from: '2026-11-21T16:00:00Z',
      to: '2026-11-23T16:00:00Z',
      kpi: 'volume',
      bucket: 'day',
    });
    // Local (Shanghai) days: 22 and 23 November.
    expect(series.points.map((point) => point.value)).toEqual([1, 0]);
  });
});
