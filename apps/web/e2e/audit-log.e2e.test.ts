import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishableGraph } from '../../server/src/testing/server-test-kit.ts';
import {
  ADMIN,
  browserAvailable,
  type E2eEnvironment,
  screenshot,
  signInAsAdmin,
  startE2eEnvironment,
} from './e2e-kit.ts';

/**
 * An administrator publishes a flow, then finds that publish in Settings →
 * Audit log, on a laptop and on a phone.
 */

const run = browserAvailable();
let env: E2eEnvironment | undefined;

beforeAll(async () => {
  if (run) env = await startE2eEnvironment();
}, 180_000);
afterAll(async () => {
  await env?.close();
});

/** Scrolls down to the section. */
function showSection(page: Page) {
  return page.evaluate(() => {
    // The shell's main area scrolls, not the window: bring the heading up.
    document.getElementById('settings-audit')?.scrollIntoView({ block: 'start' });
  });
}

describe('audit log in Settings', () => {
  it('shows the admin their own publish and sign-in, at 1024 px and at phone width', async () => {
    if (!env) return;
    const { page, server } = env;
    await page.setViewportSize({ width: 1024, height: 900 });
    await signInAsAdmin(page, server.url);

    // A flow that lints clean (trigger → end), published from the editor like any other.
    const cookie = (await page.context().cookies()).map((entry) => `${entry.name}=${entry.value}`).join('; ');
    const created = await fetch(`${server.url}/trpc/flows.create`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ name: 'Refund requests', graph: publishableGraph() }),
    });
    expect(created.status).toBe(200);
    const flowId = ((await created.json()) as { result: { data: { id: string } } }).result.data.id;
    await page.goto(`${server.url}/flows/${encodeURIComponent(flowId)}`);
    const publish = page.getByRole('button', { name: 'Publish', exact: true });
    await expect.poll(() => publish.isEnabled(), { timeout: 15_000 }).toBe(true);
    await publish.click();
    await page.getByLabel('What changed? (note)').fill('First version');
    await page.getByRole('button', { name: 'Publish now' }).click();
    await expect.poll(() => page.getByTestId('live-version').textContent()).toBe('Live: v1');

    await page.getByRole('link', { name: 'Settings' }).click();
    const audit = page.getByRole('region', { name: 'Audit log' });
    const rows = audit.locator('tbody tr');
    await rows.first().waitFor();
    const published = rows.filter({ hasText: 'Flow published' });
    await published.waitFor();
    const text = (await published.textContent()) ?? '';
    expect(text).toContain(ADMIN.email);
    expect(text).toContain(`flow:${flowId}`);
    expect(text).toContain('version: 1');
    expect(text).toContain('Succeeded');
    expect(await rows.filter({ hasText: 'Sign-in' }).count()).toBeGreaterThanOrEqual(1);

    // Filtering by action leaves only the publish.
    await audit.getByLabel('Action').selectOption('flow.publish');
    await expect.poll(() => rows.count()).toBe(1);
    await showSection(page);
    await screenshot(page, '30-audit-log-1024');

    // On a phone the page fits the screen: only the table scrolls sideways, inside its frame.
    await page.setViewportSize({ width: 390, height: 844 });
    await showSection(page);
    await expect.poll(() => rows.count()).toBe(1);
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(pageWidth).toBeLessThanOrEqual(390);
    await screenshot(page, '31-audit-log-390');
  }, 120_000);
});
