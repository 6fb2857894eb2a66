import { type KpiTicket, prepareDataset } from '@flowdesk/desk';
import { describe, expect, it } from 'vitest';
import { buildReportModel, groupFigures } from './report-model.ts';
import { type GroupFigures, handoffMovers, volumeMovers } from './report-movers.ts';
import {
  dayRange,
  monthContaining,
  parseLocalDate,
  previousPeriod,
  weekContaining,
} from './report-period.ts';

/**
 * The report model on a crafted fortnight (Asia/Shanghai): week 10 of 2026
 * (Monday 2 March) against week 9. Every mover below is computed by hand.
 */

const ZONE = 'Asia/Shanghai';
const date = (value: string) => {
  const parsed = parseLocalDate(value);
  if (!parsed) throw new Error(value);
  return parsed;
};

let serial = 0;
function ticket(createdAt: string, fields: Partial<KpiTicket> = {}): KpiTicket {
  serial += 1;
  return {
    id: `t${serial}`,
    number: `CS2026030${String(serial).padStart(4, '0')}`,
    channel: 'chat',
    category: null,
    team: null,
    assignee: null,
    customerId: null,
    status: 'new',
    createdAt,
    firstRespondedAt: null,
    resolvedAt: null,
    closedAt: null,
    slaPolicyId: null,
    slaState: 'none',
    createdByKey: null,
    ...fields,
  };
}

/** A flow ticket of flow-intake; handed over when a team took it. */
const byIntake = (createdAt: string, handedOver: boolean, fields: Partial<KpiTicket> = {}) =>
  ticket(createdAt, {
    createdByKey: `exec-${serial + 1}:n1:1`,
    team: handedOver ? 'support' : null,
    ...fields,
  });

// Week 10 runs 2 March 00:00 to 9 March 00:00 Shanghai time, i.e. from 1 March 16:00 UTC.
const THIS_WEEK = '2026-03-03T02:00:00Z';
const LAST_WEEK = '2026-02-24T02:00:00Z';

function fortnight(): KpiTicket[] {
  serial = 0;
  return [
    // refund: 6 this week (by email), 2 last week → +4 (+200 %).
    ...Array.from({ length: 6 }, () => ticket(THIS_WEEK, { category: 'refund', channel: 'email' })),
    ...Array.from({ length: 2 }, () => ticket(LAST_WEEK, { category: 'refund', channel: 'email' })),
    // billing: 1 this week, 3 last week → −2 (−67 %).
    ticket(THIS_WEEK, { category: 'billing' }),
    ...Array.from({ length: 3 }, () => ticket(LAST_WEEK, { category: 'billing' })),
    // Intake flow: 5 flow tickets each week; 3 handed over now (60 %), 1 before (20 %).
    ...[true, true, true, false, false].map((over) => byIntake(THIS_WEEK, over)),
    ...[true, false, false, false, false].map((over) => byIntake(LAST_WEEK, over)),
    // A ticket before both weeks counts nowhere.
    ticket('2026-02-10T02:00:00Z', { category: 'refund' }),
  ];
}

function inputs() {
  const period = weekContaining(date('2026-03-04'), ZONE);
  const previous = previousPeriod(period);
  const tickets = fortnight();
  const prepared = prepareDataset(
    { tickets, history: [], surveys: [] },
    {
      period: { from: period.from, to: period.to },
      now: Date.parse('2026-03-20T00:00:00Z'),
      calendarOf: () => null,
    },
  );
  const flowOf = (item: KpiTicket) => (item.createdByKey ? 'flow-intake' : null);
  const flowNames = new Map([['flow-intake', { 'zh-CN': '受理', en: 'Intake' }]]);
  return { period, previous, prepared, flowOf, flowNames };
}

describe('report periods', () => {
  it('counts ISO weeks and months in the workspace zone, each compared with the one before', () => {
    const week = weekContaining(date('2026-03-04'), ZONE);
    expect(week).toMatchObject({ key: '2026-W10', firstDay: '2026-03-02', lastDay: '2026-03-08' });
    expect(new Date(week.from).toISOString()).toBe('2026-03-01T16:00:00.000Z');
    expect(new Date(week.to).toISOString()).toBe('2026-03-08T16:00:00.000Z');
    expect(previousPeriod(week)).toMatchObject({ key: '2026-W09', firstDay: '2026-02-23' });
    // 1 January 2027 is a Friday: it belongs to 2026's week 53.
    expect(weekContaining(date('2027-01-01'), ZONE).key).toBe('2026-W53');
    const march = monthContaining(date('2026-03-31'), ZONE);
    expect(march).toMatchObject({ key: '2026-03', firstDay: '2026-03-01', lastDay: '2026-03-31' });
    expect(previousPeriod(march)).toMatchObject({
      key: '2026-02',
      firstDay: '2026-02-01',
      lastDay: '2026-02-28',
    });
    const range = dayRange(date('2026-11-01'), date('2026-11-10'), ZONE);
    expect(range && previousPeriod(range)).toMatchObject({ firstDay: '2026-10-22', lastDay: '2026-10-31' });
    expect(dayRange(date('2026-11-10'), date('2026-11-01'), ZONE)).toBeNull();
    expect(parseLocalDate('2026-02-30')).toBeNull();
    expect(parseLocalDate('2026/02/01')).toBeNull();
  });
});

describe('top movers', () => {
  it('finds the categories, channels and flows whose volume or hand-off rate moved most, with a sentence', () => {
    const model = buildReportModel({
      ...inputs(),
      targets: { volume: 20 },
      versions: [],
      now: new Date('2026-03-20T00:00:00Z'),
    });
    expect(model.title.en).toBe('Weekly service report 2026-W10');
    const volume = model.kpis.find((kpi) => kpi.id === 'volume');
    // 6 + 1 + 5 this week, 2 + 3 + 5 last week.
    expect(volume).toMatchObject({ value: 12, previous: 10, change: 2, target: 20 });
    expect(volume?.display).toMatchObject({ value: '12', previous: '10', change: '+2' });
    const handoff = model.kpis.find((kpi) => kpi.id === 'handoff_rate');
    expect(handoff?.display).toMatchObject({ value: '60', previous: '20', change: '+40' });

    const summary = model.movers.map((mover) => [mover.metric, mover.dimension, mover.group, mover.change]);
    expect(summary).toEqual([
      // Volume by absolute change: refund and email +4 (email holds only refunds); billing −2 and chat −2
      // (chat holds billing and the flow tickets: 1 + 5 = 6 now, 3 + 5 = 8 before). Ties: category first.
      ['volume', 'category', 'refund', 4],
      ['volume', 'channel', 'email', 4],
      ['volume', 'category', 'billing', -2],
      ['volume', 'channel', 'chat', -2],
      // Uncategorised and the flow kept 5 each: no volume change. Hand-offs went 1 of 5 → 3 of 5 in the three
      // groups holding the flow tickets (no category, chat, the flow): +40 points each.
      ['handoff_rate', 'category', null, expect.closeTo(0.4, 9)],
      ['handoff_rate', 'channel', 'chat', expect.closeTo(0.4, 9)],
      ['handoff_rate', 'flow', 'flow-intake', expect.closeTo(0.4, 9)],
    ]);
    const flow = model.movers.find((mover) => mover.dimension === 'flow');
    expect(flow?.sentence.en).toBe(
      'Flow “Intake”: 60% of its 5 flow tickets went to a person, up 40 points from 20% in the previous week.',
    );
    expect(flow?.sentence['zh-CN']).toBe(
      '流程「受理」：5 张流程工单中 60% 转人工，比上周的 20% 高 40 个百分点。',
    );
    const refund = model.movers[0];
    expect(refund?.sentence.en).toBe(
      'Category “refund”: 6 tickets, up 4 from 2 in the previous week (+200%).',
    );
    expect(model.movers[2]?.sentence['zh-CN']).toBe(
      '分类「billing」：1 张工单，比上周的 3 张少 2 张（−67%）。',
    );
  });

  it('leaves out groups whose change is too small or whose sample is too thin', () => {
    const counts = (volume: number, flowTickets: number, handoffs: number) => ({
      volume,
      flowTickets,
      handoffs,
    });
    const groups: GroupFigures[] = [
      // 4 flow tickets this period: below the minimum sample.
      {
        dimension: 'flow',
        group: 'thin',
        name: { 'zh-CN': 'a', en: 'a' },
        current: counts(4, 4, 4),
        previous: counts(5, 5, 0),
      },
      // 30 % → 32 %: under 5 points.
      {
        dimension: 'flow',
        group: 'steady',
        name: { 'zh-CN': 'b', en: 'b' },
        current: counts(50, 50, 16),
        previous: counts(50, 50, 15),
      },
      // 25 % → 30 %: exactly 5 points counts.
      {
        dimension: 'flow',
        group: 'edge',
        name: { 'zh-CN': 'c', en: 'c' },
        current: counts(20, 20, 6),
        previous: counts(20, 20, 5),
      },
    ];
    expect(handoffMovers(groups, 'month').map((mover) => mover.group)).toEqual(['edge']);
    expect(volumeMovers(groups, 'month').map((mover) => [mover.group, mover.change])).toEqual([['thin', -1]]);
  });

  it('counts each group in the period its tickets were created in', () => {
    const figures = groupFigures(inputs());
    const find = (dimension: string, group: string | null) =>
      figures.find((entry) => entry.dimension === dimension && entry.group === group);
    expect(find('flow', 'flow-intake')).toMatchObject({
      current: { volume: 5, flowTickets: 5, handoffs: 3 },
      previous: { volume: 5, flowTickets: 5, handoffs: 1 },
    });
    expect(find('category', 'refund')).toMatchObject({ current: { volume: 6 }, previous: { volume: 2 } });
  });
});
