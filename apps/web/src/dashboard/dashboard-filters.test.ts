import { describe, expect, it } from 'vitest';
import {
  queryInput,
  readDrillDown,
  readFilters,
  seriesBucket,
  withPreset,
  writeDrillDown,
  writeFilters,
} from './dashboard-filters.ts';

// 5 December 2026, mid-morning local time.
const TODAY = new Date(2026, 11, 5, 9, 30);
const midnight = (year: number, month: number, day: number) => new Date(year, month - 1, day).toISOString();

describe('dashboard filters in the address', () => {
  it('reads the last 7 days, unfiltered, from an empty or unreadable address', () => {
    for (const search of ['', 'range=yesterday&channel=fax&from=soon']) {
      const filters = readFilters(new URLSearchParams(search), TODAY);
      expect(filters).toEqual({
        preset: '7d',
        days: { from: '2026-11-29', to: '2026-12-05' },
        team: undefined,
        channel: undefined,
        flowId: undefined,
        businessHours: false,
      });
      // Whole local days, today included: the end is the next local midnight.
      expect(queryInput(filters)).toEqual({ from: midnight(2026, 11, 29), to: midnight(2026, 12, 6) });
    }
  });

  it('keeps a chosen range and the filters through a round trip, and leaves the chart choice alone', () => {
    const before = new URLSearchParams('kpi=aht&by=team&drill=volume');
    const written = writeFilters(before, {
      preset: 'custom',
      days: { from: '2026-11-01', to: '2026-11-30' },
      team: 'after_sales',
      channel: 'email',
      flowId: 'flow-1',
      businessHours: true,
    });
    expect(written.get('hours')).toBe('business');
    expect(written.get('kpi')).toBe('aht');
    expect(written.get('by')).toBe('team');
    // A change of filters closes the drill-down: its tickets were for the old filters.
    expect(written.get('drill')).toBeNull();
    const read = readFilters(written, TODAY);
    expect(read).toEqual({
      preset: 'custom',
      days: { from: '2026-11-01', to: '2026-11-30' },
      team: 'after_sales',
      channel: 'email',
      flowId: 'flow-1',
      businessHours: true,
    });
    expect(queryInput(read)).toEqual({
      from: midnight(2026, 11, 1),
      to: midnight(2026, 12, 1),
      team: 'after_sales',
      channel: 'email',
      flowId: 'flow-1',
    });
  });

  it('moves between presets: today, 30 days, and custom starting from the days in view', () => {
    const week = readFilters(new URLSearchParams(), TODAY);
    expect(withPreset(week, 'today', TODAY).days).toEqual({ from: '2026-12-05', to: '2026-12-05' });
    expect(withPreset(week, '30d', TODAY).days).toEqual({ from: '2026-11-06', to: '2026-12-05' });
    expect(withPreset(week, 'custom', TODAY)).toMatchObject({ preset: 'custom', days: week.days });
    expect(writeFilters(new URLSearchParams(), withPreset(week, 'today', TODAY)).toString()).toBe(
      'range=today',
    );
  });

  it('waits while a chosen day is half typed', () => {
    const filters = readFilters(new URLSearchParams('range=custom&from=2026-11-01&to=2026-11-30'), TODAY);
    expect(queryInput({ ...filters, days: { from: '2026-11-0', to: '2026-11-30' } })).toBeNull();
  });

  it('keeps an open drill-down: a KPI, a group without a value, a series bucket', () => {
    const group = writeDrillDown(new URLSearchParams('range=30d'), {
      kpi: 'handoff_rate',
      group: { by: 'agent', value: null },
    });
    expect(readDrillDown(group)).toEqual({
      kpi: 'handoff_rate',
      group: { by: 'agent', value: null },
      bucket: undefined,
    });
    expect(group.get('range')).toBe('30d');
    const bucket = writeDrillDown(group, {
      kpi: 'volume',
      bucket: { from: '2026-12-01T00:00:00.000Z', to: '2026-12-02T00:00:00.000Z' },
    });
    expect(readDrillDown(bucket)).toEqual({
      kpi: 'volume',
      group: undefined,
      bucket: { from: '2026-12-01T00:00:00.000Z', to: '2026-12-02T00:00:00.000Z' },
    });
    expect(readDrillDown(writeDrillDown(bucket, null))).toBeNull();
  });

  it('picks hours for a day or two, days up to a quarter, weeks beyond', () => {
    const span = (days: number) => ({
      from: '2026-01-01T00:00:00Z',
      to: new Date(Date.UTC(2026, 0, 1 + days)).toISOString(),
    });
    expect(seriesBucket(span(1))).toBe('hour');
    expect(seriesBucket(span(7))).toBe('day');
    expect(seriesBucket(span(92))).toBe('day');
    expect(seriesBucket(span(180))).toBe('week');
  });
});
