import { assignTicket, createTicket, escalateTicket } from '@flowdesk/desk';
import type { Ticket } from '@flowdesk/store';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/src/auth/secrets.ts';
import { inDesk } from '../../server/src/tickets/ticket-actions.ts';
import {
  browserAvailable,
  type E2eEnvironment,
  openNav,
  screenshot,
  startE2eEnvironment,
} from './e2e-kit.ts';

/**
 * Issue 13, item 5 in a browser: a supervisor signs in, opens the supervisor
 * view from the navigation, reads each team's backlog as seeded, selects two
 * waiting tickets and reassigns them to agent Chen (their ticket pages then
 * name Chen), and sets agent Li away. Screens at 1024 and 390 px.
 */

const run = browserAvailable();
const SUPERVISOR = { email: 'zhou@e2e.flowdesk.test', password: 'zhou-password-1234' };
const LI = { email: 'li@e2e.flowdesk.test', password: 'li-password-1234' };

let env: E2eEnvironment;
const afterSales: Ticket[] = [];

function team(id: string, zh: string, en: string, supervisorQueue: string | null = null) {
  return {
    id,
    workspaceId: 'default',
    name: { 'zh-CN': zh, en },
    skills: [],
    calendar: null,
    supervisorQueue,
  };
}

function agent(id: string, name: string, online: boolean, userId: string | null = null) {
  return {
    id,
    workspaceId: 'default',
    userId,
    name,
    teams: ['after_sales'],
    skills: [],
    capacity: 5,
    online,
    activeCount: 0,
    lastAssignedAt: null,
  };
}

async function seed() {
  const { store, services } = env.server;
  await store.users.create({
    id: 'user-zhou',
    email: SUPERVISOR.email,
    name: 'Zhou Min',
    role: 'supervisor',
    passwordHash: await hashPassword(SUPERVISOR.password),
    locale: 'en',
    createdAt: new Date().toISOString(),
  });
  await store.teams.put(team('after_sales', '售后', 'After-sales'));
  await store.teams.put(team('billing', '账单', 'Billing', 'escalations'));
  await store.teams.put(team('escalations', '升级处理', 'Escalation desk'));
  await store.users.create({
    id: 'user-li',
    email: LI.email,
    name: 'Li Na',
    role: 'agent',
    passwordHash: await hashPassword(LI.password),
    locale: 'en',
    createdAt: new Date().toISOString(),
  });
  await store.agents.create(agent('agent-li', 'Li Na', true, 'user-li'));
  await store.agents.create(agent('agent-chen', 'Chen Wei', true));
  const open = (title: string, teamId: string) =>
    inDesk(services, async (scope) => {
      const created = await createTicket(
        scope,
        { title, description: title, channel: 'email', priority: 'medium', team: teamId },
        { actor: { kind: 'system', id: 'e2e' } },
      );
      if (!created.ok) throw new Error(created.error.message.en);
      return created.value.ticket;
    });
  // After-sales: three waiting, two with Li. Billing: one waiting.
  for (const title of ['Wrong size shoes', 'Parcel arrived broken', 'Refund not received']) {
    afterSales.push(await open(title, 'after_sales'));
  }
  for (const title of ['Exchange for a larger size', 'Missing invoice']) {
    const ticket = await open(title, 'after_sales');
    await inDesk(services, (scope) =>
      assignTicket(
        scope,
        ticket.id,
        { target: 'agent', agentId: 'agent-li' },
        { actor: { kind: 'system', id: 'e2e' } },
      ),
    );
  }
  await open('Charged twice', 'billing');
  // A flow escalated one billing ticket to the escalation desk, with its reason.
  const angry = await open('Threatens a chargeback', 'billing');
  await inDesk(services, (scope) =>
    escalateTicket(
      scope,
      angry.id,
      { queue: 'supervisor', reason: 'Customer threatens a chargeback', raisePriority: true },
      { actor: { kind: 'execution', id: 'exec-e2e' } },
    ),
  );
}

async function signIn(page: Page, who = SUPERVISOR) {
  await page.goto(`${env.server.url}/`);
  await page.getByLabel('Language').or(page.getByLabel('语言')).selectOption('en');
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Supervisors start on the dashboard, agents in their inbox.
  const home = who === SUPERVISOR ? 'Dashboard' : 'Inbox';
  await page.getByRole('heading', { name: home, exact: true }).waitFor();
}

async function cell(page: Page, teamId: string, column: 'unassigned' | 'assigned' | 'overdue') {
  return (await page.getByTestId(`team-${teamId}`).getByTestId(column).textContent())?.trim();
}

describe.runIf(run)('supervisor view (browser)', () => {
  beforeAll(async () => {
    env = await startE2eEnvironment();
    await seed();
  }, 180_000);

  afterAll(async () => {
    await env?.close();
  });

  it('backlog per team, bulk reassign to another agent, an agent set away', async () => {
    const page = env.page;
    await page.setViewportSize({ width: 1024, height: 800 });
    await signIn(page);
    await openNav(page, 'Supervisor');
    await page.getByRole('heading', { name: 'Supervisor', exact: true }).waitFor();

    await page.getByTestId('team-after_sales').waitFor();
    expect(await cell(page, 'after_sales', 'unassigned')).toBe('3');
    expect(await cell(page, 'after_sales', 'assigned')).toBe('2');
    expect(await cell(page, 'billing', 'unassigned')).toBe('1');
    expect(await cell(page, 'billing', 'assigned')).toBe('0');
    expect(await page.getByTestId('agent-agent-li').textContent()).toContain('2 of 5 (40%)');
    await page.getByTestId('quality-review-tile').waitFor();
    await screenshot(page, 'supervisor-1024');

    // Two of After-sales' waiting tickets go to Chen.
    const reassign = page.locator('section', {
      has: page.getByRole('heading', { name: 'Reassign tickets' }),
    });
    await reassign.getByLabel('Tickets of', { exact: true }).selectOption('after_sales');
    await reassign.getByLabel('Show', { exact: true }).selectOption('unassigned');
    const [first, second] = afterSales;
    if (!first || !second) throw new Error('seed missing');
    await reassign.getByLabel(`Select ${first.number}`).check();
    await reassign.getByLabel(`Select ${second.number}`).check();
    await reassign.getByLabel('Agent', { exact: true }).selectOption({ label: 'Chen Wei' });
    await reassign.getByRole('button', { name: 'Reassign 2 selected tickets' }).click();
    await reassign.getByText('2 tickets reassigned.').waitFor();
    await page
      .getByTestId('team-after_sales')
      .getByTestId('unassigned')
      .getByText('1', { exact: true })
      .waitFor();
    expect(await cell(page, 'after_sales', 'assigned')).toBe('4');
    expect(await page.getByTestId('agent-agent-chen').textContent()).toContain('2 of 5 (40%)');
    await screenshot(page, 'supervisor-reassigned-1024');

    // Li goes away: the supervisor toggles her status.
    await page.getByTestId('agent-agent-li').getByRole('button', { name: 'Set away Li Na' }).click();
    await page.getByTestId('agent-agent-li').getByTestId('agent-status').getByText('Away').waitFor();
    expect((await env.server.store.agents.get('agent-li'))?.online).toBe(false);
    expect((await env.server.store.agents.get('agent-chen'))?.online).toBe(true);

    // At phone width the tables are cards and nothing runs off the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('team-after_sales').waitFor();
    // The top bar swaps to its phone menu on the media-query change, a render after the resize.
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
      .toBeLessThanOrEqual(390);
    await screenshot(page, 'supervisor-390');
    await page
      .getByTestId('escalations')
      .or(page.getByText('No open escalations.'))
      .first()
      .scrollIntoViewIfNeeded();
    await screenshot(page, 'supervisor-lower-390');
    await page.setViewportSize({ width: 1024, height: 800 });
    const escalations = page.getByTestId('escalations');
    expect(await escalations.textContent()).toContain('Threatens a chargeback');
    expect(await escalations.textContent()).toContain('Customer threatens a chargeback');
    expect(await escalations.textContent()).toContain('Queue: Escalation desk');
    await escalations.scrollIntoViewIfNeeded();
    await screenshot(page, 'supervisor-escalations-1024');
    // A ticket opened here leads back here.
    await escalations.getByRole('link', { name: /Threatens a chargeback/ }).click();
    await page.getByRole('link', { name: 'Back to the supervisor view' }).click();
    await page.getByRole('heading', { name: 'Supervisor', exact: true }).waitFor();
    expect(await page.getByTestId('quality-review-tile').getAttribute('href')).toBe('/surveys?tab=review');

    // Each reassigned ticket's page names Chen.
    for (const ticket of [first, second]) {
      await page.goto(`${env.server.url}/tickets/${ticket.id}`);
      await page.getByTestId('timeline').getByText('Chen Wei', { exact: false }).first().waitFor();
      expect((await env.server.store.tickets.get(ticket.id))?.assignee).toBe('agent-chen');
    }
  }, 120_000);

  it('an agent sees their own status in the inbox and comes back to available', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1024, height: 800 }, locale: 'en-US' });
    const li = await context.newPage();
    await signIn(li, LI);
    // The supervisor set Li away in the test before.
    const toggle = li.getByRole('button', { name: 'Set me available' });
    await toggle.waitFor();
    expect(await li.locator('.my-status').textContent()).toContain('Away');
    await screenshot(li, 'inbox-status-away-1024');
    await li.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => li.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(li, 'inbox-status-away-390');
    await toggle.click();
    await li.getByRole('button', { name: 'Set me away' }).waitFor();
    expect((await env.server.store.agents.get('agent-li'))?.online).toBe(true);
    // Li has no Supervisor entry in the navigation.
    expect(await li.getByRole('link', { name: 'Supervisor' }).count()).toBe(0);
    await context.close();
  }, 60_000);
});
