import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  callTrpc,
  type E2eEnvironment,
  screenshot,
  signInAsAdmin,
  startE2eEnvironment,
  waitForOrDescribe,
} from './e2e-kit.ts';

/**
 * Settings → Teams and SLA policies (issue 13, item 7): an admin sets up a team
 * with opening hours, a holiday and a make-up workday (调休), gives it an agent and
 * an SLA policy for urgent tickets; a viewer reads the same, without controls to change it.
 */

const run = browserAvailable();
let env: E2eEnvironment | undefined;

beforeAll(async () => {
  if (run) env = await startE2eEnvironment();
}, 180_000);
afterAll(async () => {
  await env?.close();
});

/** A tRPC query as the person signed in on `page` (callTrpc posts, which queries refuse). */
async function query(page: Page, baseUrl: string, procedure: string, input?: unknown): Promise<unknown> {
  const cookie = (await page.context().cookies()).map((entry) => `${entry.name}=${entry.value}`).join('; ');
  const search = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const response = await fetch(`${baseUrl}/trpc/${procedure}${search}`, { headers: { cookie } });
  const answer = (await response.json()) as { result?: { data: unknown }; error?: unknown };
  if (!answer.result)
    throw new Error(`${procedure} failed (${response.status}): ${JSON.stringify(answer.error)}`);
  return answer.result.data;
}

/** Every visible control of the Teams and SLA sections lies within the phone's width: no sideways scrolling. */
async function expectSectionsFit(page: Page) {
  const outside = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll<HTMLElement>('#settings-teams, #settings-sla')]
      .flatMap((heading) => [
        ...(heading.parentElement?.querySelectorAll<HTMLElement>('button, input, select') ?? []),
      ])
      .filter((element) => element.offsetParent !== null)
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && (box.left < -1 || box.right > width + 1);
      })
      .map(
        (element) =>
          `${element.tagName} ${element.getAttribute('aria-label') ?? element.textContent?.trim()}`,
      );
  });
  expect(outside).toEqual([]);
}

interface StoredTeam {
  id: string;
  skills: string[];
  calendar: { timezone: string; weekly: unknown[]; holidays: string[]; workdays: string[] } | null;
}

describe('teams and SLA policies in a browser', () => {
  it('an admin sets up a team, an agent and an urgent policy; a viewer reads them', async () => {
    if (!env) return;
    const { page, server, browser } = env;
    await signInAsAdmin(page, server.url);
    await page.getByRole('link', { name: 'Settings' }).click();
    const teams = page.getByRole('region', { name: 'Teams' });
    await teams.getByRole('button', { name: 'New team' }).click();

    await teams.getByLabel('Team id').fill('after_sales');
    await teams.getByLabel('Name (Chinese)').fill('售后');
    await teams.getByLabel('Name (English)').fill('After-sales');
    await teams.getByPlaceholder('New skill').fill('refunds');
    await teams.getByPlaceholder('New skill').press('Enter');
    await expect.poll(() => teams.locator('.chip', { hasText: 'refunds' }).count()).toBe(1);
    // Fridays close at 17:00; the rest of the week keeps 09:00–18:00.
    await teams.getByLabel('Friday closes at').fill('17:00');
    await teams.getByLabel('Date to add to Holidays').fill('2026-10-01');
    await teams.getByRole('button', { name: 'Add date' }).first().click();
    // Pasting several dates at once, one of them also a holiday: the form refuses it, translated.
    await teams.getByLabel('Several dates for Make-up workdays (调休)').fill('2026-09-27, 2026-10-01');
    await teams.getByRole('button', { name: 'Add all' }).nth(1).click();
    await teams.getByRole('button', { name: 'Save' }).click();
    await teams.getByRole('alert').getByText('2026-10-01 is both a holiday and a make-up workday').waitFor();
    expect(await query(page, server.url, 'teams.list')).toEqual([]);
    await teams
      .getByTestId('team-calendar-workdays')
      .getByRole('button', { name: 'Remove 2026-10-01' })
      .click();
    await teams.getByRole('button', { name: 'Save' }).click();
    const row = teams.getByTestId('team-row-after_sales');
    await row.waitFor();
    expect(await row.textContent()).toContain('1 holiday(s) · 1 make-up workday(s)');
    const [stored] = (await query(page, server.url, 'teams.list')) as StoredTeam[];
    expect(stored).toMatchObject({
      id: 'after_sales',
      skills: ['refunds'],
      calendar: {
        timezone: 'Asia/Shanghai',
        weekly: [
          { days: ['mon', 'tue', 'wed', 'thu'], from: '09:00', to: '18:00' },
          { days: ['fri'], from: '09:00', to: '17:00' },
        ],
        holidays: ['2026-10-01'],
        workdays: ['2026-09-27'],
      },
    });

    // Its members panel opened with the save: a new agent with a capacity of 8.
    await teams.getByLabel('New agent’s name').fill('Zhao Qiang');
    await teams.getByRole('button', { name: 'Create and add' }).click();
    const capacity = teams.getByLabel('Capacity of Zhao Qiang');
    await capacity.fill('8');
    await teams.getByRole('button', { name: 'Save agent' }).click();
    await expect
      .poll(async () =>
        (
          (await query(page, server.url, 'teams.listAgents', { team: 'after_sales' })) as Array<{
            name: string;
            capacity: number;
          }>
        ).map((agent) => [agent.name, agent.capacity]),
      )
      .toEqual([['Zhao Qiang', 8]]);

    // An SLA policy for urgent tickets: answer within 30 minutes, solve within 4 hours.
    const policies = page.getByRole('region', { name: 'SLA policies' });
    await policies.getByRole('button', { name: 'New SLA policy' }).click();
    await policies.getByLabel('Policy id').fill('urgent');
    await policies.getByLabel('Name', { exact: true }).fill('Urgent tickets');
    await policies.getByRole('checkbox', { name: 'Urgent' }).check();
    await policies.getByLabel('Hours').first().fill('0');
    await policies.getByLabel('Minutes').first().fill('30');
    await policies.getByLabel('Hours').nth(1).fill('4');
    await policies.getByRole('button', { name: 'Save' }).click();
    const policyRow = policies.getByTestId('policy-row-urgent');
    await policyRow.waitFor();
    expect(await policyRow.textContent()).toContain('0 h 30 min');

    await page.setViewportSize({ width: 1024, height: 900 });
    await teams.scrollIntoViewIfNeeded();
    await screenshot(page, '90-teams-sla-admin-1024');
    await page.setViewportSize({ width: 390, height: 844 });
    await teams.scrollIntoViewIfNeeded();
    await expectSectionsFit(page);
    await screenshot(page, '91-teams-sla-admin-390');
    await policies.getByRole('button', { name: 'Edit Urgent tickets' }).click();
    await policies.getByRole('radio', { name: 'Its own calendar' }).check();
    await policies.getByLabel('Time zone').scrollIntoViewIfNeeded();
    await expectSectionsFit(page);
    await screenshot(page, '92-sla-policy-calendar-390');
    await policies.getByRole('button', { name: 'Cancel' }).click();
    await page.setViewportSize({ width: 1280, height: 800 });

    // A viewer reads the same, with nothing to change.
    const { temporaryPassword } = (await callTrpc(page, server.url, 'users.create', {
      email: 'vera@e2e.flowdesk.test',
      name: 'Vera Viewer',
      role: 'viewer',
      locale: 'en',
    })) as { temporaryPassword: string };
    const context = await browser.newContext({ viewport: { width: 1024, height: 900 }, locale: 'en-US' });
    const viewer = await context.newPage();
    await viewer.goto(`${server.url}/flows`);
    await viewer.getByLabel('Language').or(viewer.getByLabel('语言')).selectOption('en');
    await viewer.getByLabel('Email').fill('vera@e2e.flowdesk.test');
    await viewer.getByLabel('Password').fill(temporaryPassword);
    await viewer.getByRole('button', { name: 'Sign in' }).click();
    await viewer.getByRole('heading', { name: 'Choose your own password' }).waitFor();
    await viewer.getByLabel('Current password').fill(temporaryPassword);
    await viewer.getByLabel('New password (at least 10 characters)').fill('viewer-pass-2026');
    await viewer.getByLabel('Repeat the new password').fill('viewer-pass-2026');
    await viewer.getByRole('button', { name: 'Change password' }).click();
    await waitForOrDescribe(viewer.getByRole('heading', { name: 'Choose your own password' }), {
      state: 'detached',
    });
    await viewer.getByRole('link', { name: 'Settings' }).click();
    const viewerTeams = viewer.getByRole('region', { name: 'Teams' });
    await waitForOrDescribe(viewerTeams.getByTestId('team-row-after_sales'));
    await viewer.getByRole('region', { name: 'SLA policies' }).getByTestId('policy-row-urgent').waitFor();
    expect(await viewer.getByRole('button', { name: 'New team' }).count()).toBe(0);
    expect(await viewer.getByRole('button', { name: 'New SLA policy' }).count()).toBe(0);
    expect(await viewer.getByRole('button', { name: /^(Edit|Delete) / }).count()).toBe(0);
    await viewerTeams.getByRole('button', { name: 'Details of After-sales' }).click();
    await viewerTeams
      .getByTestId('member-agent-' as string)
      .or(viewerTeams.getByText('Zhao Qiang'))
      .first()
      .waitFor();
    expect(await viewerTeams.getByRole('checkbox', { name: 'Open on Monday' }).isDisabled()).toBe(true);
    expect(await viewerTeams.getByText('2026-09-27').count()).toBe(1);
    await screenshot(viewer, '93-teams-sla-viewer-1024');
    await context.close();
  }, 120_000);
});
