import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  browserAvailable,
  type E2eEnvironment,
  openNav,
  screenshot,
  startE2eEnvironment,
} from './e2e-kit.ts';

/**
 * A new workspace set up the way a service manager would: install an industry
 * template from the gallery, then switch on a channel in Settings.
 */

const run = browserAvailable();
let env: E2eEnvironment | undefined;

beforeAll(async () => {
  if (run) env = await startE2eEnvironment();
}, 180_000);
afterAll(async () => {
  await env?.close();
});

describe('templates gallery and channel settings in a browser', () => {
  it('installs a template with its flows published, once, and sets up WeChat', async () => {
    if (!env) return;
    const { page, server } = env;
    await page.goto(`${server.url}/templates`);
    await page.getByLabel('Language').or(page.getByLabel('语言')).selectOption('en');
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Templates' }).click();

    const cards = page.getByTestId('template-card');
    await cards.first().waitFor();
    const names = await cards.locator('h2').allTextContents();
    for (const industry of ['Retail', 'Manufacturing', 'Financ', 'Education', 'Local services']) {
      expect(names.some((name) => name.includes(industry))).toBe(true);
    }
    const manufacturing = cards.filter({ hasText: 'Manufacturing' });
    await manufacturing.getByRole('button', { name: /^Use template/ }).click();
    await manufacturing.getByLabel('Publish the flows right away').check();
    await screenshot(page, '20-template-install');
    await manufacturing.getByRole('button', { name: 'Install' }).click();
    await expect
      .poll(() => manufacturing.getByRole('status').textContent(), { timeout: 15_000 })
      .toMatch(/Installed: \d+ flows/);
    await manufacturing.getByRole('button', { name: 'Install' }).click();
    await expect
      .poll(() => manufacturing.getByRole('status').textContent(), { timeout: 15_000 })
      .toContain('already installed');

    await manufacturing.getByRole('link', { name: 'Open the flows' }).click();
    const rows = page.locator('table.data-table tbody tr');
    await rows.first().waitFor();
    const flows = await rows.allTextContents();
    expect(flows.length).toBeGreaterThan(3);
    expect(flows.every((row) => row.includes('v1'))).toBe(true);

    // A repair request through REST becomes a ticket the read-only list shows.
    const cookie = (await page.context().cookies()).map((entry) => `${entry.name}=${entry.value}`).join('; ');
    const created = await fetch(`${server.url}/trpc/apiKeys.create`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'e2e', role: 'agent' }),
    });
    const key = ((await created.json()) as { result: { data: { secret: string } } }).result.data.secret;
    const intake = await fetch(`${server.url}/api/v1/requests`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        channel: 'web_form',
        customer: { name: '张工', email: 'zhang@example.com', phone: '13811112222' },
        subject: '加工中心报修',
        message: 'CNC-850 加工中心一开机就跳闸，控制柜有焦味，请尽快派人。',
        customFields: { deviceModel: 'CNC-850', serialNo: 'CNC850-2025-00317', region: 'east' },
      }),
    });
    const answer = (await intake.json()) as { produced: { ticketNumber?: string } };
    expect(answer.produced.ticketNumber).toMatch(/^CS\d+/);
    await openNav(page, 'Tickets');
    const ticketRow = page.getByTestId('ticket-row').filter({ hasText: answer.produced.ticketNumber ?? '' });
    await ticketRow.waitFor();
    expect(await ticketRow.textContent()).toContain('Web form');
    await screenshot(page, '22-tickets');

    await page.getByRole('link', { name: 'Settings' }).click();
    const wechat = page.getByRole('form', { name: 'WeChat official account' });
    await wechat.getByLabel('Channel is on').check();
    await wechat.getByLabel('Token', { exact: true }).fill('flowdesk2026');
    await wechat.getByLabel('AppID').fill('wx-demo');
    await wechat.getByRole('button', { name: 'Save' }).click();
    await page
      .getByRole('form', { name: 'WeChat official account' })
      .getByText('A value is stored; it is never shown again.')
      .first()
      .waitFor();
    await screenshot(page, '21-channel-settings');
    const reloaded = page.getByRole('form', { name: 'WeChat official account' });
    expect(await reloaded.getByLabel('Token', { exact: true }).inputValue()).toBe('');
    expect(await reloaded.getByLabel('Channel is on').isChecked()).toBe(true);

    // The widget says beside its switch why it stays off, until a site is allowed.
    const needsOrigin = 'Add at least one website address where the widget may run';
    const widget = page.getByRole('form', { name: 'Website chat and form widget' });
    await widget.getByText(needsOrigin).waitFor();
    await widget.getByLabel('Sites allowed to embed it').fill('https://shop.example.cn');
    await widget.getByRole('button', { name: 'Save' }).click();
    await page
      .getByRole('form', { name: 'Website chat and form widget' })
      .getByText(needsOrigin)
      .waitFor({ state: 'detached' });
    const stored = await server.store.channelSettings.get('default', 'widget');
    expect(stored?.settings.allowedOrigins).toEqual(['https://shop.example.cn']);
  });
});
