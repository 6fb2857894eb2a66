import { describe, expect, it } from 'vitest';
import { formatDuration, formatKpiValue, type KpiNumbers, kpiChange, targetMet } from './kpi-format.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function kpi(overrides: Partial<KpiNumbers>): KpiNumbers {
  return {
    unit: 'count',
    better: 'higher',
    value: null,
    previous: null,
    change: null,
    target: null,
    ...overrides,
  };
}

describe('KPI values on a tile', () => {
  it('writes each unit the reader’s way and never NaN', () => {
    expect(formatKpiValue(1234, 'count', 'en', 'No data')).toBe('1,234');
    expect(formatKpiValue(0.425, 'ratio', 'en', 'No data')).toBe('42.5%');
    expect(formatKpiValue(0.425, 'ratio', 'zh-CN', '暂无数据')).toBe('42.5%');
    expect(formatKpiValue(4.25, 'score', 'en', 'No data')).toBe('4.3');
    expect(formatKpiValue(20, 'nps', 'en', 'No data')).toBe('+20');
    expect(formatKpiValue(-5, 'nps', 'en', 'No data')).toBe('-5');
    expect(formatKpiValue(null, 'ratio', 'en', 'No data')).toBe('No data');
    expect(formatKpiValue(Number.NaN, 'count', 'zh-CN', '暂无数据')).toBe('暂无数据');
  });

  it('writes durations in their two largest units, in either language', () => {
    expect(formatDuration(45_000, 'en')).toBe('45 sec');
    expect(formatDuration(HOUR + 20 * MINUTE + 10_000, 'en')).toBe('1 hr 20 min');
    expect(formatDuration(HOUR + 20 * MINUTE, 'zh-CN')).toBe('1小时20分钟');
    expect(formatDuration(26 * HOUR, 'en')).toBe('1 day 2 hr');
    expect(formatDuration(3 * HOUR, 'en')).toBe('3 hr');
    expect(formatKpiValue(12 * MINUTE, 'ms', 'en', '')).toBe('12 min');
  });
});

describe('the change against the previous period', () => {
  it('is green when a KPI where higher is better goes up, red when it goes down', () => {
    const up = kpiChange(kpi({ value: 120, previous: 100, change: 20 }), 'en');
    expect(up).toEqual({ direction: 'up', mood: 'good', amount: { kind: 'percent', text: '20%' } });
    const down = kpiChange(kpi({ value: 80, previous: 100, change: -20 }), 'en');
    expect(down).toMatchObject({ direction: 'down', mood: 'bad' });
  });

  it('is red when a KPI where lower is better goes up (slower first response, more hand-offs)', () => {
    const slower = kpiChange(
      kpi({ unit: 'ms', better: 'lower', value: 30 * MINUTE, previous: 20 * MINUTE, change: 10 * MINUTE }),
      'en',
    );
    expect(slower).toEqual({ direction: 'up', mood: 'bad', amount: { kind: 'percent', text: '50%' } });
    const fewerHandoffs = kpiChange(
      kpi({ unit: 'ratio', better: 'lower', value: 0.3, previous: 0.4, change: -0.1 }),
      'en',
    );
    expect(fewerHandoffs).toEqual({
      direction: 'down',
      mood: 'good',
      amount: { kind: 'points', text: '10' },
    });
  });

  it('tells shares and NPS in points, a change from zero as the plain difference, equal as flat', () => {
    expect(kpiChange(kpi({ unit: 'nps', value: 30, previous: 25, change: 5 }), 'en')?.amount).toEqual({
      kind: 'points',
      text: '5',
    });
    expect(kpiChange(kpi({ value: 5, previous: 0, change: 5 }), 'en')?.amount).toEqual({
      kind: 'absolute',
      text: '5',
    });
    expect(kpiChange(kpi({ unit: 'ratio', value: 0.5, previous: 0.5, change: 1e-15 }), 'en')).toMatchObject({
      direction: 'flat',
      mood: 'neutral',
    });
  });

  it('is absent without data in either period', () => {
    expect(kpiChange(kpi({ value: 3, previous: null }), 'en')).toBeNull();
    expect(kpiChange(kpi({ value: null, previous: 3 }), 'en')).toBeNull();
  });
});

describe('the target', () => {
  it('is met in the KPI’s direction', () => {
    expect(targetMet(kpi({ value: 0.82, target: 0.8 }))).toBe(true);
    expect(targetMet(kpi({ value: 0.78, target: 0.8 }))).toBe(false);
    expect(targetMet(kpi({ unit: 'ms', better: 'lower', value: 25 * MINUTE, target: 20 * MINUTE }))).toBe(
      false,
    );
    expect(targetMet(kpi({ unit: 'ms', better: 'lower', value: 15 * MINUTE, target: 20 * MINUTE }))).toBe(
      true,
    );
    expect(targetMet(kpi({ value: null, target: 0.8 }))).toBeNull();
    expect(targetMet(kpi({ value: 0.8 }))).toBeNull();
  });
});
