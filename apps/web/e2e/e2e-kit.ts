import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { type RunningServer, startServer } from '../../server/src/boot/start-server.ts';
import { loadServerConfig } from '../../server/src/config/server-config.ts';
import { createLogger } from '../../server/src/logging/logger.ts';
import { ensureWebBuild, WEB_DIR } from '../scripts/ensure-web-build.ts';

/** Debian's chromium (the browser cannot be downloaded here); CI installs it with apt-get. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const SCREENSHOT_DIR = join(WEB_DIR, 'e2e', 'screenshots');
export const ADMIN = { email: 'admin@e2e.flowdesk.test', password: 'e2e-password-1234' };

/** Whether to run: yes with a browser; a clear failure in CI without one; one skip line elsewhere. */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI === 'true') {
    throw new Error(`E2E tests need Chromium at ${CHROMIUM_PATH} in CI (apt-get install chromium).`);
  }
  console.log(
    `SKIP web e2e: no Chromium at ${CHROMIUM_PATH} (install Debian's chromium to run the browser tests)`,
  );
  return false;
}

export interface E2eEnvironment {
  server: RunningServer;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** A fresh build, the real server on an ephemeral port with a temp SQLite file, and a headless browser. */
export async function startE2eEnvironment(): Promise<E2eEnvironment> {
  ensureWebBuild();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'flowdesk-e2e-'));
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
    { workers: true, allowPrivateNetworks: true, pollMs: 100 },
    createLogger(config.logLevel),
  );
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
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

export function screenshot(page: Page, name: string) {
  return page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/**
 * `locator.waitFor(options)`, but a timeout says where the page was and what it showed
 * (address, alerts, the start of the main text): CI keeps only the failure message.
 */
export async function waitForOrDescribe(
  locator: Locator,
  options: Parameters<Locator['waitFor']>[0] = {},
): Promise<void> {
  try {
    await locator.waitFor(options);
  } catch (error) {
    const page = locator.page();
    const shown = await page
      .evaluate(() => ({
        alerts: [...document.querySelectorAll('[role="alert"]')].map((element) => element.textContent),
        main: ((document.querySelector('main') ?? document.body).textContent ?? '').slice(0, 600),
      }))
      .catch((reason: unknown) => ({ alerts: [], main: `(page unreadable: ${String(reason)})` }));
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(
      `${message}\npage: ${page.url()}\nalerts: ${JSON.stringify(shown.alerts)}\nmain: ${shown.main}`,
    );
  }
}

/**
 * Signs in as the e2e admin in English, as a person would, and opens the flow
 * list: signing in lands on the admin's home (the dashboard), and most tests
 * start from the flows.
 */
export async function signInAsAdmin(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/flows`);
  await page.getByLabel('Language').or(page.getByLabel('语言')).selectOption('en');
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Dashboard', exact: true }).waitFor();
  await page.goto(`${baseUrl}/flows`);
  await page.getByRole('heading', { name: 'Flows', exact: true }).waitFor();
}

/**
 * Calls a tRPC procedure as the person signed in on `page` (their session
 * cookie): setup and checks that are not the gesture under test.
 */
export async function callTrpc(
  page: Page,
  baseUrl: string,
  procedure: string,
  input: unknown,
): Promise<unknown> {
  const cookie = (await page.context().cookies()).map((entry) => `${entry.name}=${entry.value}`).join('; ');
  const response = await fetch(`${baseUrl}/trpc/${procedure}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify(input),
  });
  const answer = (await response.json()) as { result?: { data: unknown }; error?: unknown };
  if (!answer.result)
    throw new Error(`${procedure} failed (${response.status}): ${JSON.stringify(answer.error)}`);
  return answer.result.data;
}

/**
 * Nothing on the page, nor any of these parts, is wider than its box: no
 * sideways scrolling on a phone. Checked until it holds for up to 3 s: right
 * after a viewport change React may still be re-rendering for the new width
 * (a loaded CI machine showed one such frame), which no user sees.
 */
export async function expectFits(page: Page, selectors: readonly string[]) {
  const measure = () =>
    page.evaluate((wanted) => {
      const wide: string[] = [];
      const root = document.documentElement;
      if (root.scrollWidth > root.clientWidth) {
        // Name the deepest elements that stick out, so a failure says what to fix.
        const culprits = [...document.body.querySelectorAll<HTMLElement>('*')]
          .filter((element) => element.getBoundingClientRect().right > root.clientWidth + 1)
          .filter(
            (element) =>
              ![...element.children].some(
                (child) => child.getBoundingClientRect().right > root.clientWidth + 1,
              ),
          )
          .slice(0, 5)
          .map(
            (element) =>
              `${element.tagName.toLowerCase()}.${[...element.classList].join('.')} "${(element.textContent ?? '').slice(0, 40)}" ends at ${Math.round(element.getBoundingClientRect().right)}`,
          );
        wide.push(`page ${root.scrollWidth} > ${root.clientWidth}: ${culprits.join('; ')}`);
      }
      for (const selector of wanted) {
        const found = [...document.querySelectorAll<HTMLElement>(selector)];
        if (found.length === 0) wide.push(`${selector} missing`);
        for (const element of found) {
          if (element.scrollWidth > element.clientWidth + 1) {
            wide.push(`${selector} ${element.scrollWidth} > ${element.clientWidth}`);
          }
          const box = element.getBoundingClientRect();
          if (box.right > root.clientWidth + 1) wide.push(`${selector} ends at ${box.right}`);
        }
      }
      return wide;
    }, selectors);
  const first = await measure();
  if (first.length === 0) return;
  await expect.poll(measure, { timeout: 3_000 }).toEqual([]);
  // Settled: say what the passing frame showed, in case it is not a passing frame next time.
  process.stdout.write(`expectFits: settled after a first measure of ${first.join(' | ')}\n`);
}

/** Every visible control of the page lies within the screen's width, so a thumb can reach it by scrolling down. */
export async function expectControlsReachable(page: Page) {
  const outside = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [
      ...document.querySelectorAll<HTMLElement>(
        'main button, main a, main input, main select, main textarea',
      ),
    ]
      .filter((element) => element.offsetParent !== null)
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && (box.left < -1 || box.right > width + 1);
      })
      .map((element) => `${element.tagName} ${element.textContent?.trim().slice(0, 30) ?? ''}`);
  });
  expect(outside).toEqual([]);
}

type LinkName = string | RegExp;

/**
 * A top-bar entry, made visible the way a person would: it is a link of its
 * own, or it sits in the menu of its group (from 1024 px) or in the sheet of
 * the menu button (below), which this opens first. Roles see different rows
 * (apps/web/src/shell/nav-sections.ts), so tests ask by name, not by place.
 */
export async function navLink(
  page: Page,
  name: LinkName,
  options: { exact?: boolean } = {},
): Promise<Locator> {
  const header = page.locator('header.top-bar');
  const query = options.exact === undefined ? { name } : { name, exact: options.exact };
  const visible = header.getByRole('link', query).first();
  const anywhere = header.getByRole('link', { ...query, includeHidden: true }).first();
  await anywhere.waitFor({ state: 'attached' });
  if (await visible.isVisible()) return visible;
  const holder = await anywhere.evaluate(
    (link) => link.closest('.nav-menu-panel, .compact-nav-sheet')?.id ?? '',
  );
  if (holder !== '') await header.locator(`button[aria-controls="${holder}"]`).click();
  await visible.waitFor();
  return visible;
}

/** Follows a top-bar entry (see navLink). */
export async function openNav(page: Page, name: LinkName, options: { exact?: boolean } = {}): Promise<void> {
  await (await navLink(page, name, options)).click();
}

/** Opens what holds the signed-in person's own controls: the account menu, or the menu button's sheet. */
async function openAccountControls(page: Page): Promise<Locator> {
  const header = page.locator('header.top-bar');
  const controls = header.locator('.account-controls');
  if (await controls.isVisible()) return controls;
  await header.locator('button.account-button, button.compact-nav-button').click();
  await controls.waitFor();
  return controls;
}

/** The button at the top bar's end that holds the person's controls: the account menu, or below 1024 px the menu. */
export const accountButton = (page: Page): Locator =>
  page.locator('header.top-bar').locator('button.account-button, button.compact-nav-button');

/** Switches a signed-in page's language from the top bar. */
export async function chooseLanguage(page: Page, locale: 'en' | 'zh-CN'): Promise<void> {
  const controls = await openAccountControls(page);
  await controls.locator('select').selectOption(locale);
  await accountButton(page).click();
  await controls.waitFor({ state: 'hidden' });
}

/** The top bar's sign-out button, made visible (it sits in the account menu or the menu button's sheet). */
export async function signOutButton(page: Page): Promise<Locator> {
  const controls = await openAccountControls(page);
  return controls.getByRole('button', { name: /Sign out|退出登录/ });
}
