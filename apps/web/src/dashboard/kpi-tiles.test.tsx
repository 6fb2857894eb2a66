// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithI18n } from '../testing/render-with-i18n.tsx';
import { tileKpis } from './kpi-labels.ts';
import { type KpiTileData, KpiTiles } from './kpi-tiles.tsx';

afterEach(cleanup);

const MINUTE = 60_000;

const KPIS: KpiTileData[] = [
  { id: 'volume', unit: 'count', better: 'higher', value: 120, previous: 100, change: 20, target: null },
  {
    id: 'handoff_rate',
    unit: 'ratio',
    better: 'lower',
    value: 0.35,
    previous: 0.25,
    change: 0.1,
    target: 0.3,
  },
  {
    id: 'first_response_p50',
    unit: 'ms',
    better: 'lower',
    value: 12 * MINUTE,
    previous: 15 * MINUTE,
    change: -3 * MINUTE,
    target: 20 * MINUTE,
  },
  {
    id: 'csat_share',
    unit: 'ratio',
    better: 'higher',
    value: null,
    previous: null,
    change: null,
    target: null,
  },
  // Not a tile: the server's business-hours variant is left out.
  {
    id: 'first_response_business_p50',
    unit: 'ms',
    better: 'lower',
    value: MINUTE,
    previous: null,
    change: null,
    target: null,
  },
];

const tile = (id: string) => {
  const found = document.querySelector<HTMLElement>(`[data-kpi="${id}"]`);
  if (!found) throw new Error(`no tile ${id}`);
  return found;
};

describe('KPI tiles', () => {
  it('shows the value, the change coloured by the KPI’s direction, and the target', () => {
    renderWithI18n(<KpiTiles kpis={KPIS} onDrill={() => {}} />);
    expect(document.querySelectorAll('.kpi-tile')).toHaveLength(4);

    const volume = tile('volume');
    expect(within(volume).getByText('Requests')).toBeTruthy();
    expect(within(volume).getByTestId('kpi-value-volume').textContent).toBe('120');
    const volumeChange = volume.querySelector('.kpi-change');
    expect(volumeChange?.getAttribute('data-mood')).toBe('good');
    expect(volumeChange?.textContent).toContain('Up 20% on the period before, better.');
    expect(volumeChange?.textContent).toContain('before: 100');

    // More hand-offs are bad news: up, in red, and the 30 % target is missed.
    const handoff = tile('handoff_rate');
    expect(within(handoff).getByTestId('kpi-value-handoff_rate').textContent).toBe('35%');
    expect(handoff.querySelector('.kpi-change')?.getAttribute('data-mood')).toBe('bad');
    expect(handoff.querySelector('.kpi-change')?.textContent).toContain(
      'Up 10 pts on the period before, worse.',
    );
    expect(within(handoff).getByTestId('kpi-target-handoff_rate').textContent).toBe('Target 30% · not met');

    // A faster first response is good news and within the 20-minute target.
    const response = tile('first_response_p50');
    expect(within(response).getByTestId('kpi-value-first_response_p50').textContent).toBe('12 min');
    expect(response.querySelector('.kpi-change')?.getAttribute('data-mood')).toBe('good');
    expect(within(response).getByTestId('kpi-target-first_response_p50').textContent).toBe(
      'Target 20 min · met',
    );
  });

  it('says "No data" instead of a number when a period has none', () => {
    renderWithI18n(<KpiTiles kpis={KPIS} onDrill={() => {}} />);
    const csat = tile('csat_share');
    expect(within(csat).getByTestId('kpi-value-csat_share').textContent).toBe('No data');
    expect(csat.textContent).toContain('No data for the period before');
    expect(csat.textContent).not.toContain('NaN');
  });

  it('shows the response times in business hours when asked', () => {
    renderWithI18n(<KpiTiles kpis={KPIS} shown={tileKpis(true)} onDrill={() => {}} />);
    expect(document.querySelector('[data-kpi="first_response_p50"]')).toBeNull();
    const business = tile('first_response_business_p50');
    expect(business.textContent).toContain('First response, business hours (median)');
    expect(within(business).getByTestId('kpi-value-first_response_business_p50').textContent).toBe('1 min');
  });

  it('reads in Chinese', () => {
    renderWithI18n(<KpiTiles kpis={KPIS} onDrill={() => {}} />, 'zh-CN');
    expect(within(tile('volume')).getByText('请求量')).toBeTruthy();
    expect(within(tile('csat_share')).getByTestId('kpi-value-csat_share').textContent).toBe('暂无数据');
    expect(tile('handoff_rate').textContent).toContain('比前一时段上升 10 个百分点');
  });

  it('opens the tickets behind a number from its button', () => {
    const onDrill = vi.fn();
    renderWithI18n(<KpiTiles kpis={KPIS} onDrill={onDrill} />);
    fireEvent.click(
      screen.getByRole('button', { name: 'Handed to people: 35%. Show the tickets behind it' }),
    );
    expect(onDrill).toHaveBeenCalledWith('handoff_rate');
  });
});
