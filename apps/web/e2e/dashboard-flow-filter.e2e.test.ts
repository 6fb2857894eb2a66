import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/src/auth/secrets.ts';
import {
  browserAvailable,
  type E2eEnvironment,
  expectControlsReachable,
  expectFits,
  screenshot,
  startE2eEnvironment,
} from './e2e-kit.ts';

/**
 * A supervisor filters the dashboard by flow (issue 14, item 2): the filter
 * names the flows through analytics.flows, since supervisors may not read the
 * flows themselves. At 1024 px and at phone width.
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
});
