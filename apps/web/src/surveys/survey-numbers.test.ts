import { describe, expect, it } from 'vitest';
import { barWidth, formatMean, formatNps, formatShare } from './survey-numbers.ts';
import { lastDays, rangeInstants } from './survey-range.ts';

describe('survey numbers', () => {
  it('reads shares, means and NPS as people do, and "no data" for none', () => {
    expect(formatShare(2 / 3, 'en', '—')).toBe('67%');
    expect(formatShare(null, 'en', 'No data')).toBe('No data');
    expect(formatMean(10 / 3, 'en', '—')).toBe('3.3');
    expect(formatMean(null, 'zh-CN', '无数据')).toBe('无数据');
    expect(formatNps(20, 'en', '—')).toBe('+20');
    expect(formatNps(0, 'en', '—')).toBe('0');
  });

  it('draws the CSAT share, or NPS from −100…100, as a bar width', () => {
    expect(barWidth({ satisfiedShare: 0.5, nps: null })).toBe(50);
    expect(barWidth({ satisfiedShare: null, nps: -100 })).toBe(0);
    expect(barWidth({ satisfiedShare: null, nps: 20 })).toBe(60);
    expect(barWidth({ satisfiedShare: null, nps: null })).toBe(0);
  });
});

describe('survey range', () => {
  it('takes whole local days with the end day included', () => {
    const range = lastDays(new Date(2026, 10, 30, 15, 0), 30);
    expect(range).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    const instants = rangeInstants(range);
    expect(instants?.from).toBe(new Date(2026, 10, 1).toISOString());
    expect(instants?.to).toBe(new Date(2026, 11, 1).toISOString());
    expect(rangeInstants({ from: '', to: '2026-11-30' })).toBeNull();
  });
});
