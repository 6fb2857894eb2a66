import { getNodeType } from '@flowdesk/model';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/src/auth/secrets.ts';
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
 * A supervisor filters the dashboard by flow (issue 14, item 2): the filter
 * names the flows through analytics.flows, since supervisors may not read the
 * flows themselves. At 1024 px and at phone width. Then an admin's desk with
 * two live flows (web forms and emails) shows each flow's own numbers when it
 * is picked, and all of them again without the filter.
 */

const run = browserAvailable();
let env: E2eEnvironment;
const SUPERVISOR = { email: 'zhou.filter@example.com', password: 'supervisor-password-1' };

describe.runIf(run)('dashboard flow filter for a supervisor (browser)', () => {
  beforeAll(async () => {
    env = await startE2eEnvironment();
    const { store } = env.server;
    const now = new Date().toISOString();
    await store.users.create({
      id: 'user-zhou-filter',
      email: SUPERVISOR.email,
      name: 'Zhou Min',
      role: 'supervisor',
      passwordHash: await hashPassword(SUPERVISOR.password),
      locale: 'en',
      createdAt: now,
    });
    await store.flows.create({
      id: 'retail-intake',
      workspaceId: 'default',
      name: '零售受理',
      localizedName: { 'zh-CN': '零售受理', en: 'Retail intake' },
      draft: {
        nodes: [],
        edges: [],
        settings: { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN', variables: [] },
      },
      createdBy: 'user-zhou-filter',
      now,
    });
  }, 180_000);

  afterAll(async () => {
    await env?.close();
  });

  it('offers the flows by name and filters the figures by the one picked', async () => {
    const page = env.page;
    await page.setViewportSize({ width: 1024, height: 800 });
    await page.goto(`${env.server.url}/`);
    await page.getByLabel('Language').or(page.getByLabel('语言')).selectOption('en');
    await page.getByLabel('Email').fill(SUPERVISOR.email);
    await page.getByLabel('Password').fill(SUPERVISOR.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Dashboard', exact: true }).waitFor();

    // A select inside its label is named with the label and the chosen option ("Flow All flows").
    const flow = page.getByRole('combobox', { name: /^Flow/ });
    await flow.locator('option', { hasText: 'Retail intake' }).waitFor({ state: 'attached' });
    expect(await flow.locator('option').allTextContents()).toEqual(['All flows', 'Retail intake']);
    await flow.selectOption({ label: 'Retail intake' });
    await page.waitForURL(/[?&]flow=retail-intake/);
    await page.locator('.kpi-tiles').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await expectControlsReachable(page);
    await screenshot(page, 'dashboard-flow-filter-supervisor-1024');

    await page.setViewportSize({ width: 390, height: 844 });
    await expectFits(page, ['.dashboard-filters', '.kpi-tiles']);
    await screenshot(page, 'dashboard-flow-filter-supervisor-390');
  }, 90_000);

  it("shows the picked flow's own numbers in the tiles and the drill-down, and all again without it", async () => {
    const { server, browser } = env;
    const base = server.url;
    const context = await browser.newContext({ viewport: { width: 1024, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    try {
      await signInAsAdmin(page, base);
      const forms = await publishTicketFlow(page, base, 'Web form intake', 'web_form');
      const mails = await publishTicketFlow(page, base, 'Email intake', 'email');
      const { secret } = (await callTrpc(page, base, 'apiKeys.create', { name: 'shop', role: 'agent' })) as {
        secret: string;
      };
      let sent = 0;
      const send = async (channel: 'web_form' | 'email', message: string) => {
        sent += 1;
        const response = await fetch(`${base}/api/v1/requests`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${secret}`,
            'content-type': 'application/json',
            'idempotency-key': `flow-filter-e2e-${sent}`,
          },
          body: JSON.stringify({
            channel,
            customer: { name: `Customer ${sent}`, email: `c${sent}@example.com` },
            message,
          }),
        });
        expect(response.status).toBe(202);
        const number = ((await response.json()) as { produced: { ticketNumber?: string } }).produced
          .ticketNumber;
        if (!number) throw new Error(`request ${sent} made no ticket`);
        return number;
      };
      const formTickets = [
        await send('web_form', 'My parcel never came.'),
        await send('web_form', 'The lid is cracked.'),
        await send('web_form', 'Wrong size delivered.'),
      ];
      const mailTickets = [await send('email', 'Please refund order 1042.')];

      await page.goto(`${base}/dashboard`);
      await page.getByRole('heading', { name: 'Dashboard', exact: true }).waitFor();
      const volume = page.getByTestId('kpi-value-volume');
      const backlog = page.getByTestId('kpi-value-backlog');
      await expect.poll(() => volume.textContent(), { timeout: 15_000 }).toBe('4');
      expect(await backlog.textContent()).toBe('4');

      const flow = page.getByRole('combobox', { name: /^Flow/ });
      await flow.locator('option', { hasText: 'Web form intake' }).waitFor({ state: 'attached' });
      await flow.selectOption({ label: 'Web form intake' });
      await page.waitForURL(new RegExp(`[?&]flow=${forms}`));
      await expect.poll(() => volume.textContent()).toBe('3');
      expect(await backlog.textContent()).toBe('3');
      await volume.click();
      expect(await drillNumbers(page)).toEqual([...formTickets].sort());
      expect(await page.getByTestId('drill-total').textContent()).toBe('3 of 3 tickets');
      await screenshot(page, 'dashboard-flow-filter-web-forms-1024');

      await flow.selectOption({ label: 'Email intake' });
      await page.waitForURL(new RegExp(`[?&]flow=${mails}`));
      await expect.poll(() => volume.textContent()).toBe('1');
      expect(await backlog.textContent()).toBe('1');
      await volume.click();
      expect(await drillNumbers(page)).toEqual(mailTickets);

      // The flow the supervisor test made runs nothing: no data, never NaN.
      await flow.selectOption({ label: 'Retail intake' });
      await page.waitForURL(/[?&]flow=retail-intake/);
      await expect.poll(() => volume.textContent()).toBe('0');
      expect(await page.locator('main').textContent()).not.toContain('NaN');

      await flow.selectOption({ label: 'All flows' });
      await expect.poll(() => page.url()).not.toMatch(/[?&]flow=/);
      await expect.poll(() => volume.textContent()).toBe('4');
      expect(await page.getByRole('alert').count()).toBe(0);

      await page.setViewportSize({ width: 390, height: 844 });
      await flow.selectOption({ label: 'Web form intake' });
      await expect.poll(() => volume.textContent()).toBe('3');
      await expectFits(page, ['.dashboard-filters', '.kpi-tiles']);
      await screenshot(page, 'dashboard-flow-filter-web-forms-390');
    } finally {
      await context.close();
    }
  }, 120_000);
});

/** Trigger (one channel) → Identify customer → Create ticket → End; published; gives the flow's id. */
async function publishTicketFlow(page: Page, base: string, name: string, channel: string): Promise<string> {
  const end = getNodeType('action.end')?.example as Record<string, unknown>;
  const identify = getNodeType('action.identify_customer')?.example as Record<string, unknown>;
  const graph = {
    nodes: [
      {
        id: 'trigger',
        type: 'trigger.request_received',
        config: { channels: [channel] },
        position: { x: 0, y: 0 },
      },
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
  const { id } = (await callTrpc(page, base, 'flows.create', { name, graph })) as { id: string };
  await callTrpc(page, base, 'flows.publish', { id, note: 'First version' });
  return id;
}

/** The ticket numbers the open drill-down lists for Requests. */
async function drillNumbers(page: Page): Promise<string[]> {
  const panel = page.getByTestId('drill-down');
  await panel.getByRole('heading', { name: 'Tickets behind Requests', exact: true }).waitFor();
  await panel.getByTestId('drill-total').waitFor();
  return (await panel.getByTestId('drill-ticket').getByRole('link').allTextContents())
    .map((text) => text.trim())
    .sort();
}
