import { getNodeType } from '@flowdesk/model';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  callTrpc,
  type E2eEnvironment,
  expectControlsReachable,
  expectFits,
  screenshot,
  signInAsAdmin,
  startE2eEnvironment,
} from './e2e-kit.ts';

/**
 * The managers' dashboard (issue 14, item 2): three requests through the REST
 * API (two web forms, one email), two CSAT answers (5 and 2) on the real
 * survey page. The tiles show 3 requests and CSAT 50 % / 3.5; the numbers'
 * drill-downs list exactly the tickets behind them, also for one channel and
 * one bar of the breakdown; a ticket's back link returns to the dashboard as
 * it was left; a fourth request shows without a reload within 10 s.
 */

const run = browserAvailable();
let env: E2eEnvironment | undefined;

beforeAll(async () => {
  if (run) env = await startE2eEnvironment();
}, 180_000);
afterAll(async () => {
  await env?.close();
});

/** Trigger → Identify customer → Create ticket → End: every request becomes a ticket of its customer. */
function ticketFlow() {
  const end = getNodeType('action.end')?.example as Record<string, unknown>;
  const identify = getNodeType('action.identify_customer')?.example as Record<string, unknown>;
  return {
    nodes: [
      { id: 'trigger', type: 'trigger.request_received', config: { channels: [] }, position: { x: 0, y: 0 } },
      { id: 'who', type: 'action.identify_customer', config: { ...identify }, position: { x: 0, y: 80 } },
      {
        id: 'ticket',
        type: 'action.create_ticket',
        config: { title: 'Customer request', description: '{{ request.message }}', priority: 'auto' },
        position: { x: 0, y: 160 },
      },
      { id: 'end', type: 'action.end', config: { ...end }, position: { x: 0, y: 320 } },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourcePort: 'next', target: 'who' },
      { id: 'e4', source: 'who', sourcePort: 'next', target: 'ticket' },
      { id: 'e5', source: 'who', sourcePort: 'error', target: 'ticket' },
      { id: 'e2', source: 'ticket', sourcePort: 'next', target: 'end' },
      { id: 'e3', source: 'ticket', sourcePort: 'error', target: 'end' },
    ],
    settings: { timezone: 'Asia/Shanghai', defaultLocale: 'en', variables: [] },
  };
}

/** The customer answers the survey the agent sent, on a phone, as they would from the email. */
async function answerSurvey(environment: E2eEnvironment, browser: Browser, ticketId: string, score: number) {
  const { server } = environment;
  const before = new Set((await server.store.jobs.list({ kind: 'outbox.deliver' })).map((job) => job.id));
  await callTrpc(environment.page, server.url, 'tickets.sendSurvey', {
    id: ticketId,
    kind: 'csat',
    channel: 'email',
  });
  const delivery = (await server.store.jobs.list({ kind: 'outbox.deliver' })).find(
    (job) => !before.has(job.id) && /\/s\/[A-Za-z0-9_-]+/.test(String(job.payload.body ?? '')),
  );
  const path = /\/s\/[A-Za-z0-9_-]+/.exec(String(delivery?.payload.body ?? ''))?.[0];
  if (!path) throw new Error('no survey link in the outbox');
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
  const customer = await context.newPage();
  await customer.goto(`${server.url}${path}?lang=en`);
  await customer.getByRole('heading', { name: 'Rate our service' }).waitFor();
  await customer
    .locator('label')
    .filter({ hasText: new RegExp(`^${score}$`) })
    .click();
  await customer.getByRole('button', { name: 'Submit' }).click();
  await customer.getByRole('heading', { name: 'Thank you for your feedback' }).waitFor();
  await context.close();
}

const tileValue = (page: Page, kpi: string) => page.getByTestId(`kpi-value-${kpi}`);

/** The ticket numbers the open drill-down lists, once it is the one for `heading` (the list before may still show). */
async function drillNumbers(page: Page, heading: string): Promise<string[]> {
  const panel = page.getByTestId('drill-down');
  await panel.getByRole('heading', { name: heading, exact: true }).waitFor();
  await panel.getByTestId('drill-total').waitFor();
  const rows = panel.getByTestId('drill-ticket');
  return (await rows.getByRole('link').allTextContents()).map((text) => text.trim()).sort();
}

describe('the managers’ dashboard in the browser', () => {
  it('shows a seeded workspace’s numbers, lists the tickets behind them, and refreshes by itself', async () => {
    if (!env) return;
    const { page, server, browser } = env;
    const base = server.url;
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.setViewportSize({ width: 1024, height: 900 });
    await signInAsAdmin(page, base);

    const { id } = (await callTrpc(page, base, 'flows.create', {
      name: 'Every request',
      graph: ticketFlow(),
    })) as {
      id: string;
    };
    await callTrpc(page, base, 'flows.publish', { id, note: 'First version' });
    const { secret } = (await callTrpc(page, base, 'apiKeys.create', { name: 'shop', role: 'agent' })) as {
      secret: string;
    };
    let sent = 0;
    const send = async (channel: 'web_form' | 'email', email: string, message: string) => {
      sent += 1;
      const response = await fetch(`${base}/api/v1/requests`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${secret}`,
          'content-type': 'application/json',
          'idempotency-key': `dashboard-e2e-${sent}`,
        },
        body: JSON.stringify({ channel, customer: { name: `Customer ${sent}`, email }, message }),
      });
      expect(response.status).toBe(202);
      const number = ((await response.json()) as { produced: { ticketNumber?: string } }).produced
        .ticketNumber;
      const ticket = number ? await server.store.tickets.getByNumber(number) : null;
      if (!ticket) throw new Error(`request ${sent} made no ticket`);
      return ticket;
    };
    const formA = await send('web_form', 'a@example.com', 'My parcel never came.');
    const formB = await send('web_form', 'b@example.com', 'The lid is cracked.');
    const mail = await send('email', 'c@example.com', 'Please refund order 1042.');
    await answerSurvey(env, browser, formA.id, 5);
    await answerSurvey(env, browser, mail.id, 2);

    // The dashboard is the admin's home.
    await page.goto(`${base}/`);
    await page.waitForURL(/\/dashboard/);
    await page.getByRole('heading', { name: 'Dashboard', exact: true }).waitFor();
    await expect.poll(() => tileValue(page, 'volume').textContent(), { timeout: 15_000 }).toBe('3');
    expect(await tileValue(page, 'csat_share').textContent()).toBe('50%');
    expect(await tileValue(page, 'csat_mean').textContent()).toBe('3.5');
    // The week before had no surveys: no data, never NaN.
    expect(await page.locator('[data-kpi="csat_share"] .kpi-change').textContent()).toContain(
      'No data for the period before',
    );
    expect(await page.locator('main').textContent()).not.toContain('NaN');

    // The volume's tickets: exactly the three.
    await tileValue(page, 'volume').click();
    expect(await drillNumbers(page, 'Tickets behind Requests')).toEqual(
      [formA.number, formB.number, mail.number].sort(),
    );
    expect(await page.getByTestId('drill-total').textContent()).toBe('3 of 3 tickets');
    // CSAT's: the two surveyed tickets, the 5 counted as satisfied and the 2 not.
    await tileValue(page, 'csat_share').click();
    expect(await drillNumbers(page, 'Tickets behind CSAT (share of 4–5)')).toEqual(
      [formA.number, mail.number].sort(),
    );
    const counted = async (number: string) =>
      (
        await page
          .getByTestId('drill-ticket')
          .filter({ hasText: number })
          .getByRole('cell')
          .last()
          .textContent()
      )?.trim();
    expect(await counted(formA.number)).toBe('Yes');
    expect(await counted(mail.number)).toBe('No');
    await screenshot(page, 'dashboard-01-drill-1024');

    // One channel: the email alone, in the address too.
    await page.getByRole('combobox', { name: /^Channel/ }).selectOption('email');
    await page.waitForURL(/channel=email/);
    await expect.poll(() => tileValue(page, 'volume').textContent()).toBe('1');
    expect(await page.getByTestId('drill-down').count()).toBe(0);
    await tileValue(page, 'volume').click();
    expect(await drillNumbers(page, 'Tickets behind Requests')).toEqual([mail.number]);
    await page.getByRole('combobox', { name: /^Channel/ }).selectOption('');
    await expect.poll(() => tileValue(page, 'volume').textContent()).toBe('3');

    // The breakdown as a table (the charts' text alternative): the web form bar holds the two forms.
    await page.getByRole('region', { name: 'Charts' }).waitFor();
    await page.locator('.dashboard-chart svg').first().waitFor({ timeout: 15_000 });
    await screenshot(page, 'dashboard-02-charts-1024');
    await page.getByRole('button', { name: 'Show as tables' }).click();
    const webForm = page
      .getByRole('region', { name: 'Requests by Channel' })
      .getByRole('row')
      .filter({ hasText: 'Web form' });
    await webForm.waitFor();
    expect((await webForm.getByRole('cell').allTextContents()).map((cell) => cell.trim())).toEqual([
      '2',
      '2',
    ]);
    await webForm.getByRole('button', { name: '2' }).click();
    expect(await drillNumbers(page, 'Tickets behind Requests')).toEqual([formA.number, formB.number].sort());

    // A ticket from the list, and back to the dashboard as it was.
    await page.getByTestId('drill-down').getByRole('link', { name: formB.number }).click();
    await page.getByRole('link', { name: 'Back to the dashboard' }).click();
    await page.getByRole('heading', { name: 'Dashboard', exact: true }).waitFor();
    expect(await drillNumbers(page, 'Tickets behind Requests')).toEqual([formA.number, formB.number].sort());

    // Targets (admins): a CSAT target of 80 % shows on its tile, missed.
    await page.getByText('Targets', { exact: true }).click();
    await page.getByLabel('CSAT (share of 4–5) (%)').fill('80');
    await page.getByRole('button', { name: 'Save targets' }).click();
    await page.getByText('Targets saved.').waitFor();
    await expect
      .poll(() => page.getByTestId('kpi-target-csat_share').textContent())
      .toBe('Target 80% · not met');

    // An open anomaly from the early warning shows on the dashboard, and goes once acknowledged.
    await server.store.anomalies.record({
      id: 'anomaly-e2e',
      workspaceId: 'default',
      seriesKind: 'channel',
      seriesKey: 'email',
      hour: new Date(Date.now() - 3_600_000).toISOString(),
      value: 14,
      baseline: 2,
      score: 6.2,
      volume: 14,
      detectedAt: new Date().toISOString(),
    });
    const anomaly = page.getByTestId('dashboard-anomaly');
    await anomaly.waitFor({ timeout: 11_000 });
    expect(await anomaly.textContent()).toContain('Requests per channel · Email: 14 in the hour from');
    await anomaly.getByRole('button', { name: 'Acknowledge' }).click();
    await page.getByTestId('dashboard-anomalies').waitFor({ state: 'detached' });

    // A new request shows without a reload within 10 s.
    await send('email', 'd@example.com', 'Where is my invoice?');
    const arrived = Date.now();
    await expect
      .poll(() => tileValue(page, 'volume').textContent(), { timeout: 10_500, interval: 250 })
      .toBe('4');
    expect(Date.now() - arrived).toBeLessThanOrEqual(10_500);

    await page.getByRole('button', { name: 'Close the list' }).click();
    await page.getByRole('button', { name: 'Show as charts' }).click();
    await page.locator('.dashboard-chart svg').first().waitFor({ timeout: 15_000 });
    await screenshot(page, 'dashboard-03-1024');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    await expectFits(page, ['.kpi-tiles', '.dashboard-chart', '.dashboard-filters']);
    await expectControlsReachable(page);
    await page.getByRole('heading', { name: 'Dashboard', exact: true }).scrollIntoViewIfNeeded();
    await screenshot(page, 'dashboard-04-top-390');
    await page.locator('.dashboard-chart').last().scrollIntoViewIfNeeded();
    await page.locator('.dashboard-chart svg').last().waitFor();
    await screenshot(page, 'dashboard-05-charts-390');
    await tileValue(page, 'volume').click();
    await page.getByTestId('drill-down').scrollIntoViewIfNeeded();
    await screenshot(page, 'dashboard-06-drill-390');
    await expectFits(page, ['.drill-down']);
    await page.setViewportSize({ width: 1024, height: 900 });
    expect(problems).toEqual([]);
  }, 180_000);
});
