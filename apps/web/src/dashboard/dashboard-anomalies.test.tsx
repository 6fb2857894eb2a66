// @vitest-environment happy-dom
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithI18n } from '../testing/render-with-i18n.tsx';
import { withTrpcAnswers } from '../testing/trpc-answers.tsx';
import { DashboardAnomalies } from './dashboard-anomalies.tsx';

afterEach(cleanup);

const SHARE_SURGE = {
  id: 'a-1',
  seriesKind: 'negative_share',
  seriesKey: 'all',
  seriesLabel: { 'zh-CN': '负面请求占比', en: 'Share of negative requests' },
  hour: '2026-12-05T01:00:00.000Z',
  value: 0.42,
  baseline: 0.1,
  score: 5.1,
  volume: 24,
  status: 'open',
  detectedAt: '2026-12-05T02:00:05.000Z',
  ackedBy: null,
  ackedAt: null,
};

function render(role: string, items: unknown[]) {
  const { ui, requested } = withTrpcAnswers(
    { 'auth.me': { id: 'u-1', role, name: 'Zhou', locale: 'en' }, 'anomalies.list': { items } },
    <DashboardAnomalies />,
  );
  renderWithI18n(ui);
  return requested;
}

describe('anomalies on the dashboard', () => {
  it('names an open surge with its usual level; shares read as percentages; supervisors may acknowledge', async () => {
    const requested = render('supervisor', [
      SHARE_SURGE,
      {
        ...SHARE_SURGE,
        id: 'a-2',
        seriesKind: 'channel',
        seriesKey: 'wechat',
        seriesLabel: { 'zh-CN': '渠道的请求量', en: 'Requests per channel' },
        value: 31,
        baseline: 6,
      },
    ]);
    await waitFor(() => expect(screen.getAllByTestId('dashboard-anomaly')).toHaveLength(2));
    const [share, channel] = screen.getAllByTestId('dashboard-anomaly');
    expect(share?.textContent).toContain('Share of negative requests: 42% in the hour from');
    expect(share?.textContent).toContain('usually 10%');
    expect(channel?.textContent).toContain('Requests per channel · WeChat: 31 in the hour from');
    expect(screen.getAllByRole('button', { name: 'Acknowledge' })).toHaveLength(2);
    expect(requested).toContain('anomalies.list');
  });

  it('shows nothing while no anomaly is open, and no acknowledge button for editors', async () => {
    const quiet = render('editor', []);
    await waitFor(() => expect(quiet).toContain('anomalies.list'));
    expect(screen.queryByTestId('dashboard-anomalies')).toBeNull();
    cleanup();
    render('editor', [SHARE_SURGE]);
    await screen.findByTestId('dashboard-anomaly');
    expect(screen.queryByRole('button', { name: 'Acknowledge' })).toBeNull();
  });
});
