import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReportTickets } from '../../server/src/reports/report-test-seed.ts';
import {
  browserAvailable,
  callTrpc,
  type E2eEnvironment,
  expectControlsReachable,
  expectFits,
  SCREENSHOT_DIR,
  screenshot,
  signInAsAdmin,
  startE2eEnvironment,
} from './e2e-kit.ts';

/**
 * Weekly reports (issue 14, item 4) in the browser: a workspace seeded with
 * three tickets this week (two refunds by email, one chat) and one chat last
 * week, and a flow published this week. The weekly report shows 3 requests
 * against 1 (+2), the refund category as a top mover and the version; the
 * CSV it downloads carries the same figures for every KPI. An admin's email
 * schedule without recipients is refused in words, then saved with one.
 */

const run = browserAvailable();
let env: E2eEnvironment | undefined;

beforeAll(async () => {
  if (run) env = await startE2eEnvironment();
}, 180_000);
afterAll(async () => {
  await env?.close();
});

const DAY = 86_400_000;
/** Today in the workspace's zone (Asia/Shanghai), written YYYY-MM-DD. */
const shanghaiDay = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at);

const EMPTY_FLOW = {
  nodes: [],
  edges: [],
  settings: { timezone: 'Asia/Shanghai', defaultLocale: 'en', variables: [] },
};

describe('weekly and monthly reports in the browser', () => {
  it('shows the seeded week’s KPIs and movers, and the CSV download holds the same figures', async () => {
    if (!env) return;
    const { page, server } = env;
    const base = server.url;
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.setViewportSize({ width: 1024, height: 900 });
    await signInAsAdmin(page, base);

    const now = new Date();
    const at = (offset: number) => new Date(now.getTime() + offset).toISOString();
    await seedReportTickets(server.store, [
      { id: 'r1', createdAt: at(-1000), channel: 'email', category: 'refund' },
      { id: 'r2', createdAt: at(-2000), channel: 'email', category: 'refund' },
      { id: 'r3', createdAt: at(-3000), channel: 'chat' },
      { id: 'r4', createdAt: at(-7 * DAY), channel: 'chat' },
    ]);
    const { id } = (await callTrpc(page, base, 'flows.create', {
      name: 'Returns intake',
      graph: EMPTY_FLOW,
    })) as {
      id: string;
    };
    await server.store.versions.publish(
      id,
      EMPTY_FLOW as never,
      'Asks for the order number first',
      'admin',
      at(-500),
    );

    await page.goto(`${base}/reports?kind=week&date=${shanghaiDay(now)}`);
    await page.getByRole('heading', { name: 'Reports', exact: true }).waitFor();
    await page.getByTestId('report-title').waitFor();
    expect(await page.getByTestId('report-title').textContent()).toMatch(
      /^Weekly service report \d{4}-W\d{2}$/,
    );
    const cells = async (kpi: string) =>
      (await page.getByTestId(`report-kpi-${kpi}`).getByRole('cell').allTextContents()).map((cell) =>
        cell.trim(),
      );
    expect(await cells('volume')).toEqual(['3 tickets', '1 tickets', '+2 tickets']);
    expect(await page.getByTestId('report-movers').textContent()).toContain(
      'Category “refund”: 2 tickets, up 2 from 0 in the previous week.',
    );
    expect(await page.getByTestId('report-versions').textContent()).toContain(
      'Asks for the order number first',
    );
    expect(await page.locator('main').textContent()).not.toContain('NaN');
    await screenshot(page, 'reports-01-week-1024');

    // The CSV the button downloads: the same figures, KPI by KPI.
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^flowdesk-report-\d{4}-W\d{2}\.csv$/);
    const rows: string[][] = parse(await readFile((await download.path()) as string, 'utf8'), { bom: true });
    expect(rows.find((row) => row[1] === 'Requests')).toEqual([
      'KPI',
      'Requests',
      'tickets',
      '3',
      '1',
      '+2',
      '',
    ]);
    const shown = (value: string, unit: string) =>
      value === '' ? 'no data' : unit === '%' ? `${value}%` : unit === '' ? value : `${value} ${unit}`;
    const kpiRows = rows.filter((row) => row[0] === 'KPI');
    expect(kpiRows.length).toBeGreaterThan(15);
    const pageRows = await page
      .locator('[data-testid^="report-kpi-"]')
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent?.trim() ?? '')));
    for (const [, label, unit, value, previous] of kpiRows) {
      // The open tickets' age grows between the page's request and the download's: the one live figure.
      if (label === 'Backlog age (median)') continue;
      const onPage = pageRows.find((row) => row[0] === label);
      expect(onPage?.slice(0, 3), label).toEqual([
        label,
        shown(value ?? '', unit ?? ''),
        shown(previous ?? '', unit ?? ''),
      ]);
    }
    expect(rows.some((row) => row[1] === 'Volume: refund' && row[3] === '2')).toBe(true);

    // The month holding today: the same week's tickets are in it (unless the week began last month).
    await page.getByRole('combobox', { name: /^Report/ }).selectOption('month');
    await page.waitForURL(/kind=month/);
    await expect
      .poll(() => page.getByTestId('report-title').textContent())
      .toMatch(/^Monthly service report \d{4}-\d{2}$/);

    // The admin's email schedule: no recipients is refused in words, one recipient saves.
    await page.getByLabel('Weekly report (every Monday)').check();
    await page.getByRole('button', { name: 'Save email settings' }).click();
    await page.getByText('Choose at least one recipient to send reports on a schedule').waitFor();
    await page.getByRole('group', { name: 'Recipients' }).getByRole('checkbox').first().check();
    await page.getByRole('button', { name: 'Save email settings' }).click();
    await page.getByText('Saved.').waitFor();
    const stored = (await server.store.workspaceSettings.get('reports.schedule')) as {
      weekly: boolean;
      recipients: string[];
    };
    expect(stored).toMatchObject({ weekly: true });
    expect(stored.recipients).toHaveLength(1);

    // A phone: nothing wider than the screen, every control in reach.
    await page.goto(`${base}/reports?kind=week&date=${shanghaiDay(now)}`);
    await page.getByTestId('report-title').waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await expectFits(page, ['.reports-controls', '.report']);
    await expectControlsReachable(page);
    await screenshot(page, 'reports-02-week-390');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'reports-03-week-390-full.png'), fullPage: true });

    // Printed: the report alone, without the top bar, the controls or the schedule.
    await page.setViewportSize({ width: 1024, height: 900 });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.top-bar').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Download CSV' }).isVisible()).toBe(false);
    expect(await page.getByTestId('report-kpi-volume').isVisible()).toBe(true);
    await screenshot(page, 'reports-04-print-1024');
    await page.emulateMedia({ media: 'screen' });
    expect(problems).toEqual([]);
  }, 180_000);
});
