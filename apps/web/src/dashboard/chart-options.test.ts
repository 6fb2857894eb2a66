import { describe, expect, it } from 'vitest';
import {
  breakdownIndex,
  breakdownOption,
  bucketLabel,
  CHART_FONT_FAMILY,
  seriesOption,
} from './chart-options.ts';

type Axis = { data: string[]; axisLabel: { formatter: (value: unknown) => string } };
type Series = Array<{ type: string; data: unknown[] }>;

describe('chart options', () => {
  it('labels a bucket with its date in the workspace’s zone, in the reader’s language', () => {
    // Shanghai's 5 December starts at 16:00 UTC on the 4th.
    expect(bucketLabel('2026-12-04T16:00:00.000Z', 'day', 'en', 'Asia/Shanghai')).toBe('Dec 5');
    expect(bucketLabel('2026-12-04T16:00:00.000Z', 'day', 'zh-CN', 'Asia/Shanghai')).toBe('12月5日');
    expect(bucketLabel('2026-12-05T06:00:00.000Z', 'hour', 'en', 'Asia/Shanghai')).toBe('Dec 5, 02:00 PM');
    expect(bucketLabel('2026-12-04T16:00:00.000Z', 'day', 'en', 'Not/AZone')).toMatch(/^Dec [45]$/);
  });

  it('draws a series with gaps for buckets without data, values written in the KPI’s unit', () => {
    const option = seriesOption({
      points: [
        { from: '2026-12-03T16:00:00.000Z', to: '2026-12-04T16:00:00.000Z', value: 0.5 },
        { from: '2026-12-04T16:00:00.000Z', to: '2026-12-05T16:00:00.000Z', value: null },
      ],
      bucket: 'day',
      unit: 'ratio',
      locale: 'en',
      noData: 'No data',
      name: 'CSAT',
      timeZone: 'Asia/Shanghai',
    });
    expect((option.xAxis as Axis).data).toEqual(['Dec 4', 'Dec 5']);
    const [line] = option.series as Series;
    expect(line).toMatchObject({ type: 'line', data: [0.5, '-'] });
    expect((option.yAxis as Axis).axisLabel.formatter(0.25)).toBe('25%');
    expect((option.textStyle as { fontFamily: string }).fontFamily).toBe(CHART_FONT_FAMILY);
    expect(CHART_FONT_FAMILY).toContain('PingFang SC');
  });

  it('puts the largest group on top and maps a clicked bar back to its row', () => {
    const option = breakdownOption({
      bars: [
        { label: 'Web form', value: 2 },
        { label: 'Email', value: 1 },
        { label: 'WeChat', value: null },
      ],
      unit: 'count',
      locale: 'en',
      noData: 'No data',
      name: 'Requests',
    });
    expect((option.yAxis as Axis).data).toEqual(['WeChat', 'Email', 'Web form']);
    expect((option.series as Series)[0]?.data).toEqual(['-', 1, 2]);
    expect(breakdownIndex(2, 3)).toBe(0);
    expect(breakdownIndex(0, 3)).toBe(2);
  });
});
