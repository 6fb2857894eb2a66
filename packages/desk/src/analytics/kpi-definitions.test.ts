import { describe, expect, it } from 'vitest';
import { breakdown, computeKpis, drillDown, kpiValue, prepareDataset, volumeByTime } from './kpi-compute.ts';
import { KPI_IDS } from './kpi-definitions.ts';
import { kpiSeries } from './kpi-series.ts';
import { CRAFTED_WEEK, entry, ticket, WEEK } from './kpi-test-data.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Every expected number below is worked out by hand from kpi-test-data.ts; the comment shows the sum. */
describe('KPI definitions on the crafted week', () => {
  const prepared = prepareDataset(CRAFTED_WEEK, WEEK);
  const report = computeKpis(prepared);
  const value = (id: (typeof KPI_IDS)[number]) => report.values[id];

  it('counts the volume of tickets created in the week (t1–t5; t6 is older)', () => {
    expect(value('volume')).toBe(5);
  });

  it('automated resolution: flow tickets resolved with no person (t1, t5) of the flow tickets t1, t2, t4, t5', () => {
    expect(value('automated_resolution_rate')).toBe(2 / 4);
  });

  it('hand-off: flow tickets a person worked (t2) or a queue holds (t4), with their reasons', () => {
    expect(value('handoff_rate')).toBe(2 / 4);
    expect(report.handoffReasons).toEqual({ low_confidence: 1, customer_asked: 0, rule: 1, unknown: 0 });
  });

  it('first response in calendar time: 1, 5, 90, 120 minutes (t4 unanswered)', () => {
    expect(value('first_response_p50')).toBe(5 * MINUTE);
    expect(value('first_response_p90')).toBe(120 * MINUTE);
  });

  it('first response in business time: t3 came at 08:00, billing opens at 09:00, so 60 minutes count', () => {
    // 1 (t5), 5 (t1), 60 (t3), 90 (t2, no calendar)
    expect(value('first_response_business_p50')).toBe(5 * MINUTE);
    expect(value('first_response_business_p90')).toBe(90 * MINUTE);
  });

  it('resolution time of tickets first resolved in the week: 1 min, 10 min, 2 h, 12 days', () => {
    expect(value('resolution_p50')).toBe(10 * MINUTE);
    expect(value('resolution_p90')).toBe(12 * DAY);
  });

  it('resolution in business time: t6 from Friday 10:00 to the next Wednesday but one 10:00 is 72 open hours', () => {
    // Fri 8 h + five weekdays 45 h + Mon 9 h + Tue 9 h + Wed 1 h = 72 h
    expect(value('resolution_business_p50')).toBe(10 * MINUTE);
    expect(value('resolution_business_p90')).toBe(72 * HOUR);
  });

  it('AHT: t2 held 60 + 30 min (reopened), t6 held 60 min; flow-resolved tickets had no handling', () => {
    expect(value('aht')).toBe(75 * MINUTE);
  });

  it('FCR: t1 has a second contact (t4, same customer and category, 3 days later), t2 was reopened; t5 and t6 count', () => {
    expect(value('fcr_rate')).toBe(2 / 4);
  });

  it('reopen rate: t2 of t1, t2, t5, t6', () => {
    expect(value('reopen_rate')).toBe(1 / 4);
  });

  it('CSAT over answers given in the week: 5, 3, 4 (the 2 came after it, t3 never answered)', () => {
    expect(value('csat_share')).toBe(2 / 3);
    expect(value('csat_mean')).toBe(4);
  });

  it('NPS: promoters 10 and 9, detractor 6, passive 8 → (2 − 1) / 4', () => {
    expect(value('nps')).toBe(25);
  });

  it('SLA: t2 and t5 met, t3 breached, of the week’s tickets under a policy', () => {
    expect(value('sla_attainment')).toBe(2 / 3);
    expect(value('sla_breaches')).toBe(1);
  });

  it('backlog at the week’s end: t3 (5 d 16 h old) and t4 (3 d 10 h old)', () => {
    expect(value('backlog')).toBe(2);
    expect(value('backlog_age_p50')).toBe(3 * DAY + 10 * HOUR);
    expect(report.ageing).toEqual({ under_1d: 0, '1d_3d': 0, '3d_7d': 2, over_7d: 0 });
  });

  it('volume by hour of day and by date', () => {
    const { byHour, byDay } = volumeByTime(prepared, 'UTC');
    expect(byHour[9]).toBe(2);
    expect(byHour[10]).toBe(1);
    expect(byHour[8]).toBe(1);
    expect(byHour[14]).toBe(1);
    expect(byDay).toEqual([
      { day: '2026-03-02', count: 2 },
      { day: '2026-03-03', count: 1 },
      { day: '2026-03-05', count: 1 },
      { day: '2026-03-06', count: 1 },
    ]);
  });

  it('a daily series covers each day, with empty days at zero tickets', () => {
    const series = kpiSeries(prepared, 'volume', 'day', 'UTC');
    expect(series.map((point) => point.value)).toEqual([2, 1, 0, 1, 1, 0, 0]);
    expect(series[0]).toMatchObject({ from: '2026-03-02T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z' });
  });

  it('a daily series of a rate says "no data" on days with nothing to count', () => {
    const series = kpiSeries(prepared, 'automated_resolution_rate', 'day', 'UTC');
    expect(series.map((point) => point.value)).toEqual([1 / 2, null, null, 0, 1, null, null]);
  });

  it('breakdown by team: volume and AHT per team', () => {
    expect(breakdown(prepared, 'volume', 'team')).toEqual([
      { group: 'billing', value: 3, sample: 3 },
      { group: null, value: 1, sample: 1 },
      { group: 'support', value: 1, sample: 1 },
    ]);
    // Unassigned t1 and t5 were resolved by flows: resolved tickets, but no handling time to average.
    expect(breakdown(prepared, 'aht', 'agent')).toEqual([
      { group: 'a1', value: 75 * MINUTE, sample: 2 },
      { group: null, value: null, sample: 2 },
    ]);
  });

  it('a filter narrows the population but a second contact on another channel still breaks FCR', () => {
    const chat = (t: { channel: string }) => t.channel === 'chat';
    // t1 (second contact t4 came by WeChat) fails, t5 counts.
    expect(kpiValue(prepared, 'fcr_rate', chat)).toBe(1 / 2);
    expect(kpiValue(prepared, 'csat_mean', chat)).toBe(5);
  });

  it('drill-down lists the tickets behind a number and marks those counted', () => {
    expect(
      drillDown(prepared, 'automated_resolution_rate').map((row) => [row.ticket.id, row.counted]),
    ).toEqual([
      ['t1', true],
      ['t2', false],
      ['t3', false],
      ['t4', false],
      ['t5', true],
    ]);
    expect(drillDown(prepared, 'csat_share').map((row) => [row.ticket.id, row.counted])).toEqual([
      ['t1', true],
      ['t2', false],
      ['t6', true],
    ]);
  });
});

describe('KPI definitions without data', () => {
  it('answer null, never NaN, and zero for counts', () => {
    const report = computeKpis(prepareDataset({ tickets: [], history: [], surveys: [] }, WEEK));
    for (const id of KPI_IDS) {
      const result = report.values[id];
      if (id === 'volume' || id === 'backlog' || id === 'sla_breaches') expect(result).toBe(0);
      else expect(result).toBeNull();
    }
  });

  it('FCR waits until a resolution’s 7 days have passed', () => {
    const recent = { ...WEEK, now: Date.parse('2026-03-05T00:00:00Z') };
    const prepared = prepareDataset(
      {
        tickets: [ticket('t9', { createdAt: '2026-03-02T09:00:00Z', status: 'resolved' })],
        history: [
          entry('t9', '2026-03-02T09:00:00Z', { kind: 'user', id: 'u1' }, 'status', 'new'),
          entry('t9', '2026-03-02T10:00:00Z', { kind: 'user', id: 'u1' }, 'status', 'resolved'),
        ],
        surveys: [],
      },
      recent,
    );
    expect(kpiValue(prepared, 'fcr_rate')).toBeNull();
    expect(kpiValue(prepared, 'reopen_rate')).toBe(0);
  });
});
