import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/src/auth/secrets.ts';
import { groupsFor } from '../src/shell/nav-sections.ts';
import { ADMIN, browserAvailable, type E2eEnvironment, screenshot, startE2eEnvironment } from './e2e-kit.ts';

/**
 * The top bar in a browser: one row at 1024 px and at 390 px for every role,
 * each role's entries all reachable with the keyboard alone (through the group
 * menus, or the menu button at phone width), Escape closing a menu and giving
 * focus back to its button, and no entry for a page the role may not use.
 */

const run = browserAvailable();
const PASSWORD = 'nav-password-1234';
const ROLES = ['admin', 'supervisor', 'agent', 'editor', 'viewer'] as const;
type Role = (typeof ROLES)[number];
/** Taller than this, the bar eats a phone's screen (the old one was 190 px at 390). */
const MAX_BAR_HEIGHT = 56;

let env: E2eEnvironment;

const emailOf = (role: Role) => (role === 'admin' ? ADMIN.email : `${role}@nav.e2e.flowdesk.test`);
const passwordOf = (role: Role) => (role === 'admin' ? ADMIN.password : PASSWORD);
const allowed = (role: Role) =>
  groupsFor(role)
    .flatMap((group) => group.entries.map((entry) => entry.to))
    .sort();

async function signedIn(role: Role, width: number): Promise<Page> {
  const context = await env.browser.newContext({ viewport: { width, height: 800 }, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${env.server.url}/`);
  await page.getByLabel('Language').or(page.getByLabel('语言')).selectOption('en');
  await page.getByLabel('Email').fill(emailOf(role));
  await page.getByLabel('Password').fill(passwordOf(role));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('header.top-bar').waitFor();
  await page.locator('main h1').first().waitFor();
  return page;
}

/** Every link the top bar holds, shown or folded away, by address. */
const headerLinks = (page: Page) =>
  page
    .locator('header.top-bar a[href]')
    .evaluateAll((links) =>
      [...new Set(links.map((link) => new URL((link as HTMLAnchorElement).href).pathname))].sort(),
    );

/** The bar is one row: no taller than a phone can spare, and every item of it on the same line. */
async function expectOneRow(page: Page) {
  const bar = await page.locator('header.top-bar').boundingBox();
  expect(bar?.height ?? 0).toBeLessThanOrEqual(MAX_BAR_HEIGHT);
  const lines = await page
    .locator('header.top-bar > *:not(.skip-link), .main-nav-row > li, .top-bar-end > *')
    .evaluateAll((items) => [
      ...new Set(
        items
          .map((item) => item.getBoundingClientRect())
          .filter((box) => box.height > 0)
          .map((box) => Math.round(box.top + box.height / 2)),
      ),
    ]);
  const spread = Math.max(...lines) - Math.min(...lines);
  expect(spread).toBeLessThanOrEqual(4);
  const overflow = await page.evaluate(() => {
    const bar = document.querySelector<HTMLElement>('header.top-bar');
    return bar ? bar.scrollWidth - bar.clientWidth : -1;
  });
  expect(overflow).toBe(0);
}

const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return {
      inHeader: element?.closest('header.top-bar') !== null,
      tag: element?.tagName ?? '',
      href: element instanceof HTMLAnchorElement ? new URL(element.href).pathname : '',
      expanded: element?.getAttribute('aria-expanded') ?? null,
      controls: element?.getAttribute('aria-controls') ?? null,
      bell: element?.classList.contains('bell-button') ?? false,
    };
  });

/**
 * Walks the top bar with Tab alone from the top of the page, opening every
 * closed menu button on the way with Enter, and returns the sections it could
 * reach (and whether it met the language select and the sign-out).
 */
async function walkWithKeyboard(page: Page) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const reached = new Set<string>();
  const seen = { language: false, signOut: false };
  for (let step = 0; step < 60; step += 1) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (!now.inHeader) {
      if (reached.size > 0) break;
      continue;
    }
    if (now.href) reached.add(now.href);
    if (now.tag === 'SELECT') seen.language = true;
    if (
      now.tag === 'BUTTON' &&
      (await page.evaluate(() => document.activeElement?.textContent ?? '')).includes('Sign out')
    )
      seen.signOut = true;
    // Every menu of the navigation and the account is opened; the bell's reminders are another walk.
    if (now.expanded === 'false' && now.controls && !now.bell) {
      await page.keyboard.press('Enter');
      expect((await focused(page)).expanded).toBe('true');
    }
  }
  return { reached: [...reached].sort(), ...seen };
}

/** Opens the first menu button with the keyboard, closes it with Escape: closed, and focus is back on the button. */
async function expectEscapeCloses(page: Page, button: string) {
  const opener = page.locator(button).first();
  await opener.focus();
  await page.keyboard.press('Enter');
  const panel = page.locator(`[id="${await opener.getAttribute('aria-controls')}"]`);
  await panel.waitFor();
  expect(await opener.getAttribute('aria-expanded')).toBe('true');
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'hidden' });
  expect(await opener.getAttribute('aria-expanded')).toBe('false');
  expect(await opener.evaluate((element) => element === document.activeElement)).toBe(true);
}

describe.runIf(run)('the top bar (browser)', () => {
  beforeAll(async () => {
    env = await startE2eEnvironment();
    for (const role of ROLES.filter((role) => role !== 'admin')) {
      await env.server.store.users.create({
        id: `user-nav-${role}`,
        email: emailOf(role),
        name: `Nav ${role}`,
        role,
        passwordHash: await hashPassword(PASSWORD),
        locale: 'en',
        createdAt: new Date().toISOString(),
      });
    }
  }, 240_000);

  afterAll(async () => {
    await env?.close();
  });

  it('offers every role exactly the sections it may use, in one row at 1024 and at 390 px', async () => {
    for (const role of ROLES) {
      for (const width of [1024, 390]) {
        const page = await signedIn(role, width);
        expect(await headerLinks(page), `${role} at ${width}`).toEqual(allowed(role));
        await expectOneRow(page);
        await screenshot(page, `nav-${role}-${width}`);
        await page.context().close();
      }
    }
    // An agent is not offered the flows or the templates, which the server refuses them.
    expect(allowed('agent')).not.toContain('/flows');
    expect(allowed('agent')).not.toContain('/templates');
  }, 120_000);

  for (const role of ['admin', 'agent'] as const) {
    it(`lets the ${role} reach every entry with the keyboard at 1024 px; Escape closes a menu`, async () => {
      const page = await signedIn(role, 1024);
      const walk = await walkWithKeyboard(page);
      expect(walk.reached).toEqual(allowed(role));
      if (role === 'admin') {
        // The admin's Work and Insights groups are menus; the account menu holds language and sign-out.
        await expectEscapeCloses(page, 'header.top-bar button.nav-menu-button:not(.account-button)');
        await page.locator('header.top-bar button.nav-menu-button', { hasText: 'Work' }).click();
        await screenshot(page, 'nav-admin-1024-work-menu');
        await page.locator('header.top-bar').getByRole('link', { name: 'Tickets' }).click();
        await page.getByRole('heading', { name: 'Tickets', exact: true }).waitFor();
        // The chosen link closed its menu, and its group says where the admin is.
        expect(await page.locator('header.top-bar .nav-menu-panel:visible').count()).toBe(0);
        expect(
          await page.locator('header.top-bar button.nav-menu-button.active', { hasText: 'Work' }).count(),
        ).toBe(1);
      } else {
        // Few entries: every one of them is a link in the row, nothing folded but the account.
        expect(await page.locator('header.top-bar .main-nav button').count()).toBe(0);
      }
      await expectEscapeCloses(page, 'header.top-bar button.account-button');
      await page.locator('header.top-bar button.account-button').click();
      await page.locator('header.top-bar .account-controls').getByLabel('Language').waitFor();
      await screenshot(page, `nav-${role}-1024-account-menu`);
      await page.context().close();
    }, 60_000);

    it(`gives the ${role} one menu button at 390 px holding every entry, the language and the sign-out`, async () => {
      const page = await signedIn(role, 390);
      const walk = await walkWithKeyboard(page);
      expect(walk.reached).toEqual(allowed(role));
      expect(walk.language).toBe(true);
      expect(walk.signOut).toBe(true);
      await expectEscapeCloses(page, 'header.top-bar button.compact-nav-button');
      const menu = page.locator('header.top-bar button.compact-nav-button');
      expect(await menu.getAttribute('aria-controls')).toBeTruthy();
      await menu.click();
      await screenshot(page, `nav-${role}-390-open`);
      // Choosing a link closes the sheet.
      await page.locator('header.top-bar').getByRole('link', { name: 'Settings' }).click();
      await page.getByRole('heading', { name: 'Settings', exact: true }).waitFor();
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      expect(await page.locator('header.top-bar .compact-nav-sheet').isVisible()).toBe(false);
      await expectOneRow(page);
      await page.context().close();
    }, 60_000);
  }
});
