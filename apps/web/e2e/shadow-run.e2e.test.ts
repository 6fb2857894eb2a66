import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../server/src/boot/start-server.ts';
import { loadServerConfig } from '../../server/src/config/server-config.ts';
import { createLogger } from '../../server/src/logging/logger.ts';
import { ensureWebBuild } from '../scripts/ensure-web-build.ts';
import {
  ADMIN,
  browserAvailable,
  CHROMIUM_PATH,
  callTrpc,
  type E2eEnvironment,
  SCREENSHOT_DIR,
  screenshot,
  signInAsAdmin,
} from './e2e-kit.ts';

/**
 * Issue 18's story: the retail demo is live and has handled the demo's past
 * requests (sent through the REST API). An admin widens the return window of
 * the intake flow from 7 to 30 days, shadow-runs the draft over those
 * requests before publishing, reads how many would change, opens one side by
 * side, publishes with the report attached and finds it on the version later.
 */

const run = browserAvailable();
let env: E2eEnvironment | undefined;

/**
 * The kit's environment in demo mode: the retail and manufacturing demos are
 * installed and published at start, their HTTP steps answered by the built-in
 * demo order service, so past requests carry real recorded answers.
 */
async function startDemoEnvironment(): Promise<E2eEnvironment> {
  ensureWebBuild();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'flowdesk-e2e-shadow-'));
  const config = loadServerConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    FLOWDESK_DB: join(dataDir, 'flowdesk.sqlite'),
    FLOWDESK_ADMIN_EMAIL: ADMIN.email,
    FLOWDESK_ADMIN_PASSWORD: ADMIN.password,
    FLOWDESK_LOG_LEVEL: 'error',
  });
  const server = await startServer(
    config,
    { workers: true, allowPrivateNetworks: true, pollMs: 100, demo: true },
    createLogger(config.logLevel),
  );
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  const page = await context.newPage();
  return {
    server,
    browser,
    page,
    async close() {
      await browser.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

beforeAll(async () => {
  if (run) env = await startDemoEnvironment();
}, 180_000);
afterAll(async () => {
  await env?.close();
});

const SAMPLES = join(import.meta.dirname, '..', '..', '..', 'templates', 'retail', 'samples');

/** A query as the signed-in person (GET with the input in the URL). */
async function queryTrpc(page: Page, base: string, procedure: string, input: unknown): Promise<unknown> {
  const cookie = (await page.context().cookies()).map((entry) => `${entry.name}=${entry.value}`).join('; ');
  const url = `${base}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;
  const response = await fetch(url, { headers: { cookie, origin: base } });
  const answer = (await response.json()) as { result?: { data: unknown }; error?: unknown };
  if (!answer.result)
    throw new Error(`${procedure} failed (${response.status}): ${JSON.stringify(answer.error)}`);
  return answer.result.data;
}

interface FlowRow {
  id: string;
  name: string;
  localizedName?: { en?: string };
}

describe('shadow run before publishing', () => {
  it('replays the past requests, shows the changed one side by side and keeps the report with the version', async () => {
    if (!env) return;
    const { page, server } = env;
    const base = server.url;
    await page.setViewportSize({ width: 1024, height: 800 });
    await signInAsAdmin(page, base);

    // The retail demo (published at start in demo mode) and its sample requests through REST: the flow's past requests.
    const flows = (await queryTrpc(page, base, 'flows.list', {})) as FlowRow[];
    const intake = flows.find((flow) => /retail.*request intake/i.test(flow.localizedName?.en ?? flow.name));
    expect(intake).toBeDefined();
    const flowId = intake?.id ?? '';
    const { secret } = (await callTrpc(page, base, 'apiKeys.create', { name: 'shop', role: 'agent' })) as {
      secret: string;
    };
    const files = readdirSync(SAMPLES).filter((file) => file.endsWith('.json'));
    for (const file of files) {
      const sample = JSON.parse(readFileSync(join(SAMPLES, file), 'utf8')) as { request: unknown };
      const response = await fetch(`${base}/api/v1/requests`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify(sample.request),
      });
      expect(response.status).toBe(202);
    }
    // Each request's HTTP steps (the demo order service) run on the workers; the shadow run replays their recorded answers.
    const count = async (status?: string) =>
      (
        (await queryTrpc(page, base, 'executions.list', {
          flowId,
          limit: 100,
          ...(status ? { status } : {}),
        })) as { items: unknown[] }
      ).items.length;
    await expect.poll(() => count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => count('running'), { timeout: 30_000 }).toBe(0);

    // The change: returns up to 30 days after delivery are taken without a person (was 7).
    await page.goto(`${base}/flows/${flowId}`);
    await page.locator('.react-flow__node[data-id="return_window"]').click();
    await page.getByRole('tab', { name: 'Properties' }).click();
    const days = page.locator('#panel-inspector .rule-row').first().getByLabel('Value');
    expect(await days.inputValue()).toBe('7');
    await days.fill('30');
    await expect
      .poll(() => page.getByTestId('save-status').textContent(), { timeout: 10_000 })
      .toBe('All changes saved');

    // Shadow run from the publish dialog over the last 500 requests.
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Run shadow run' }).click();
    const changed = dialog.getByTestId('shadow-changed-count');
    await changed.waitFor({ timeout: 60_000 });
    await screenshot(page, '180-shadow-report-1024');
    const changedText = (await changed.textContent()) ?? '';
    const changedCount = Number(/^(\d+)/.exec(changedText)?.[1]);
    expect(changedCount).toBeGreaterThan(0);
    expect(await dialog.locator('.shadow-coverage').textContent()).toMatch(/Replayed \d+ past requests/);

    // One changed request, side by side: the live version's path and the draft's.
    await dialog.getByRole('button', { name: 'Show requests' }).first().click();
    await dialog
      .getByRole('button', { name: /^Open request of / })
      .first()
      .click();
    const trace = dialog.locator('.shadow-trace');
    await trace.waitFor();
    expect(await trace.getByRole('heading', { name: 'Live version', exact: true }).count()).toBe(1);
    expect(await trace.getByRole('heading', { name: 'Draft', exact: true }).count()).toBe(1);
    expect(await trace.locator('.shadow-path-different').count()).toBeGreaterThan(0);
    await trace.scrollIntoViewIfNeeded();
    await screenshot(page, '181-shadow-trace-1024');
    await page.setViewportSize({ width: 390, height: 844 });
    await trace.scrollIntoViewIfNeeded();
    await screenshot(page, '182-shadow-trace-390');
    const dialogBox = await dialog.boundingBox();
    expect(dialogBox?.width ?? 0).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1024, height: 800 });

    // Publish with the report attached.
    expect(await dialog.getByLabel('Attach this report to the version being published').isChecked()).toBe(
      true,
    );
    await dialog.getByText('A shadow-run report is attached').waitFor();
    await dialog.getByRole('button', { name: 'Publish now' }).click();
    await expect.poll(() => page.getByTestId('live-version').textContent()).toBe('Live: v2');

    // Later, on the version: the report it went out with.
    await page.reload();
    await page.getByRole('tab', { name: 'Versions' }).click();
    const v2 = page.locator('.version-item').filter({ hasText: 'v2' });
    await v2.getByText('Shadow-run report').click();
    const onVersion = v2.getByTestId('shadow-changed-count');
    await onVersion.waitFor();
    expect(Number(/^(\d+)/.exec((await onVersion.textContent()) ?? '')?.[1])).toBe(changedCount);
    await screenshot(page, '183-shadow-report-on-version-1024');

    // Production edges (issue 18 leftovers): past executions that are not replayed are named with their reason,
    // a second run while one runs is refused naming who started it, and a run cut off by a shutdown says so.
    const { store, services } = server;
    const latest = (await queryTrpc(page, base, 'executions.list', { flowId, limit: 1 })) as {
      items: { id: string }[];
    };
    const template = await store.executions.get(latest.items[0]?.id ?? '');
    const startedAt = new Date().toISOString();
    await store.executions.create({
      id: 'e2e-started-by-anomaly',
      flowId,
      version: 1,
      status: 'completed',
      state: {
        ...(template?.state ?? {}),
        executionId: 'e2e-started-by-anomaly',
        data: { variables: {}, anomaly: { id: 'anomaly-1', kind: 'volume' } },
      },
      startedAt,
    });
    const admin = await store.users.getByEmail(ADMIN.email);
    await store.shadowRuns.start(
      {
        id: 'e2e-running-elsewhere',
        workspaceId: 'default',
        flowId,
        total: 5000,
        liveVersion: 2,
        draftRevision: 1,
        draftHash: 'elsewhere',
        selection: { last: 5000 },
        requestedBy: admin?.id ?? 'someone',
        startedAt: new Date(Date.UTC(2026, 0, 5, 9, 30)).toISOString(),
      },
      // Nothing is stale: this run's heartbeat counts as fresh for the test.
      new Date(0).toISOString(),
    );
    await store.shadowRuns.heartbeat('e2e-running-elsewhere', 1200, new Date().toISOString());
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    const again = page.getByRole('dialog');
    await again.getByRole('button', { name: 'Run shadow run' }).click();
    const busy = again.getByRole('alert');
    await busy.waitFor();
    expect(await busy.textContent()).toContain('A shadow run is already running, started by');
    expect(await busy.textContent()).toContain('2026-01-05 09:30 UTC');
    await busy.scrollIntoViewIfNeeded();
    await screenshot(page, '184-shadow-busy-1024');
    await page.setViewportSize({ width: 390, height: 844 });
    await busy.scrollIntoViewIfNeeded();
    await screenshot(page, '185-shadow-busy-390');
    await page.setViewportSize({ width: 1024, height: 800 });
    await store.shadowRuns.end('e2e-running-elsewhere', { status: 'finished', done: 5000, at: startedAt });

    await again.getByRole('button', { name: 'Run shadow run' }).click();
    const skipped = again.locator('.shadow-skipped');
    await skipped.waitFor({ timeout: 60_000 });
    expect(await skipped.textContent()).toContain(
      '1 started by a detected anomaly (only requests and events are replayed)',
    );
    await skipped.scrollIntoViewIfNeeded();
    await screenshot(page, '186-shadow-skipped-1024');
    await page.setViewportSize({ width: 390, height: 844 });
    await skipped.scrollIntoViewIfNeeded();
    await screenshot(page, '187-shadow-skipped-390');
    await page.setViewportSize({ width: 1024, height: 800 });

    // The server shuts down right after a run started: the dialog says it was interrupted instead of spinning.
    const jobs = services.shadowRuns;
    const start = jobs.start.bind(jobs);
    jobs.start = async (input) => {
      const view = await start(input);
      await jobs.close();
      return view;
    };
    await again.getByRole('button', { name: 'Run shadow run' }).click();
    const interrupted = again.getByTestId('shadow-interrupted');
    await interrupted.waitFor({ timeout: 30_000 });
    expect(await interrupted.textContent()).toContain('run it again');
    jobs.start = start;
    await interrupted.scrollIntoViewIfNeeded();
    await screenshot(page, '188-shadow-interrupted-1024');
    await page.setViewportSize({ width: 390, height: 844 });
    await interrupted.scrollIntoViewIfNeeded();
    await screenshot(page, '189-shadow-interrupted-390');
  }, 240_000);
});
