import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/src/auth/secrets.ts';
import { FLOW_SEED, seedFlowTicket } from '../../server/src/tickets/flow-ticket-seed.ts';
import {
  browserAvailable,
  callTrpc,
  type E2eEnvironment,
  expectControlsReachable,
  expectFits,
  navLink,
  screenshot,
  startE2eEnvironment,
} from './e2e-kit.ts';

/**
 * Issue 13, items 1-2 in a browser: a ticket a flow handed over shows in the
 * team queue; agent Li claims it, opens it and reads the timeline and the
 * flow's explanation with the link to the trace; agent Chen, claiming the same
 * ticket a moment later, gets the conflict message. Screens at 1024 and 390 px.
 */

const run = browserAvailable();
const LI = { email: 'li@e2e.flowdesk.test', password: 'li-password-1234' };
const CHEN = { email: 'chen@e2e.flowdesk.test', password: 'chen-password-1234' };

let env: E2eEnvironment;
let ticketId = '';
let ticketNumber = '';

async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto(`${env.server.url}/`);
  await page.getByLabel('Language').or(page.getByLabel('语言')).selectOption('en');
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Agents start in their inbox.
  await page.getByRole('heading', { name: 'Inbox', exact: true }).waitFor();
}

describe.runIf(run)('inbox and ticket page (browser)', () => {
  beforeAll(async () => {
    env = await startE2eEnvironment();
    const { store, services } = env.server;
    const now = new Date();
    const people = [
      { id: 'user-li', name: 'Li Na', role: 'agent' as const, login: LI, agentId: 'agent-li' },
      { id: 'user-chen', name: 'Chen Wei', role: 'agent' as const, login: CHEN, agentId: 'agent-chen' },
    ];
    for (const person of people) {
      await store.users.create({
        id: person.id,
        email: person.login.email,
        name: person.name,
        role: person.role,
        passwordHash: await hashPassword(person.login.password),
        locale: 'en',
        createdAt: now.toISOString(),
      });
    }
    const ticket = await seedFlowTicket(
      store,
      services,
      people.map((person) => ({ id: person.agentId, userId: person.id, name: person.name })),
      now,
    );
    ticketId = ticket.id;
    ticketNumber = ticket.number;
  }, 180_000);

  afterAll(async () => {
    await env?.close();
  });

  it('team queue → claim → ticket page with timeline and explanation; a second claim is a conflict', async () => {
    const page = env.page;
    await page.setViewportSize({ width: 1024, height: 800 });
    await signIn(page, LI);

    await page.getByTestId('queue-team').click();
    const item = page.getByTestId('inbox-item').filter({ hasText: ticketNumber });
    await item.waitFor();
    await expect(item.textContent()).resolves.toContain('VIP 2');
    // The contact is masked in the list.
    expect(await item.textContent()).not.toContain(FLOW_SEED.phone);
    await screenshot(page, 'inbox-team-1024');

    // Chen opens the same ticket before Li claims it.
    const chenContext = await env.browser.newContext({
      viewport: { width: 1024, height: 800 },
      locale: 'en-US',
    });
    const chen = await chenContext.newPage();
    await signIn(chen, CHEN);
    await chen.goto(`${env.server.url}/tickets/${ticketId}`);
    await chen.getByRole('button', { name: 'Claim' }).waitFor();

    await item.getByRole('button', { name: /Claim/ }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `You claimed ${ticketNumber}` })
      .waitFor();
    await page.getByTestId('queue-mine').click();
    await page.getByTestId('inbox-item').filter({ hasText: ticketNumber }).waitFor();

    await chen.getByRole('button', { name: 'Claim' }).click();
    const conflict = chen.getByRole('alert');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain(`already claimed by Li Na`);
    await screenshot(chen, 'ticket-claim-conflict-1024');
    await chenContext.close();

    await page.getByRole('link', { name: new RegExp(ticketNumber) }).click();
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    const timeline = page.getByTestId('timeline');
    await timeline.getByText('Request received').waitFor();
    await timeline.getByText('Li Na', { exact: false }).first().waitFor();
    const explanation = page.getByTestId('flow-explanation');
    await explanation.getByText('Returns triage, version 1').waitFor();
    expect(await explanation.getByTestId('classification').textContent()).toContain(
      'Returns with 42% confidence',
    );
    await explanation.getByText('Sort the request → Low confidence (to a person)').waitFor();
    const trace = explanation.getByRole('link', { name: 'Open the execution trace' });
    expect(await trace.getAttribute('href')).toBe(`/executions/${FLOW_SEED.executionId}`);
    const profile = page.getByTestId('customer-profile');
    await profile.getByText('赵敏').waitFor();
    expect(await profile.getByTestId('customer-contacts').textContent()).toMatch(/\*+5678/);
    expect(await profile.textContent()).not.toContain(FLOW_SEED.email);
    await page.getByTestId('sla-panel').getByText('First response').waitFor();
    await screenshot(page, 'ticket-page-1024');

    // At phone width the panels stack under the timeline, and the inbox list still works.
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'ticket-page-390');
    await page.getByRole('link', { name: 'Back to the inbox' }).click();
    await page.getByTestId('inbox-item').filter({ hasText: ticketNumber }).waitFor();
    await screenshot(page, 'inbox-mine-390');

    await page.goto(`${env.server.url}/tickets/${ticketId}`);
    await page
      .getByTestId('flow-explanation')
      .getByRole('link', { name: 'Open the execution trace' })
      .click();
    await page.waitForURL(`**/executions/${FLOW_SEED.executionId}`);
  }, 120_000);

  // Agents answer from phones: long texts, a long timeline and the work panel open must fit 390 px.
  it('on a phone: inbox and ticket page fit the screen with long texts, 20 timeline entries and an approval', async () => {
    const page = env.page;
    const { store } = env.server;
    const now = new Date().toISOString();
    const longTitle =
      '退货申请：订单 A-2026-11-0000123456 的鞋子尺码不合适，客户希望换成大一码的同款或者直接退款，并询问运费谁来承担';
    const longName = 'Alexandria Konstantinopoulou-Wolfeschlegelsteinhausen 欧阳娜娜娜娜';
    await store.tickets.update(ticketId, { title: longTitle });
    await store.customers.update(FLOW_SEED.customerId, { name: longName }, now);
    // Twenty notes on top of what the ticket has: a timeline of more than twenty entries.
    for (let index = 1; index <= 20; index++) {
      await callTrpc(page, env.server.url, 'tickets.addNote', {
        id: ticketId,
        body: `Note ${index}: checked https://shop.example.cn/orders/A-2026-11-0000123456/returns/label?size=42&reason=too-small`,
      });
    }
    await store.approvals.create({
      id: 'approval-phone',
      workspaceId: 'default',
      executionId: 'exec-approval-phone',
      seq: 2,
      flowId: FLOW_SEED.flowId,
      version: 1,
      nodeId: 'approve',
      ticketId,
      ticketNumber,
      decider: { kind: 'team', teamId: FLOW_SEED.teamId },
      question: 'Refund 1,250 for order A-2026-11-0000123456 without the shoes coming back first?',
      facts: [
        { path: 'request.customFields.orderNumberWithAVeryLongFieldName', value: 'A-2026-11-0000123456' },
      ],
      createdAt: now,
      timeoutAt: null,
    });

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${env.server.url}/inbox`);
    // A filter set in the inbox is where the ticket's back link returns.
    await page.getByLabel('Number or title').fill(ticketNumber);
    await page.waitForURL(/search=/);
    const item = page.getByTestId('inbox-item').filter({ hasText: ticketNumber });
    await item.waitFor();
    await page.getByRole('link', { name: 'Approvals waiting: 1' }).waitFor();
    await expectFits(page, ['.inbox-page', '[data-testid="inbox-item"]', '.inbox-queues', '.inbox-filters']);
    await screenshot(page, 'inbox-phone-390');

    await item.getByRole('link', { name: new RegExp(ticketNumber) }).click();
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    // Opened from the inbox: the top bar's menu says Inbox, not Tickets.
    expect(await (await navLink(page, 'Inbox')).getAttribute('aria-current')).toBe('page');
    expect(await (await navLink(page, 'Tickets')).getAttribute('aria-current')).toBeNull();
    await page.keyboard.press('Escape');
    const banner = page.getByTestId('pending-approval-banner');
    await banner.getByRole('button', { name: 'Approve' }).waitFor();
    await page.getByTestId('timeline').getByText('Note 1:', { exact: false }).first().waitFor();
    await page.locator('.ticket-work').waitFor();
    await expectFits(page, [
      '.ticket-page',
      '.ticket-header',
      '[data-testid="pending-approval-banner"]',
      '[data-testid="timeline"]',
      '.ticket-work',
      '[data-testid="customer-profile"]',
      '[data-testid="flow-explanation"]',
      '[data-testid="sla-panel"]',
    ]);
    await expectControlsReachable(page);
    // The document scrolls, not a box under a fixed top bar: the bar scrolls away and the end is reachable.
    await page.locator('.ticket-work').scrollIntoViewIfNeeded();
    const frame = await page.evaluate(() => ({
      scrolled: window.scrollY,
      barBottom: document.querySelector('.top-bar')?.getBoundingClientRect().bottom ?? 0,
    }));
    expect(frame.scrolled).toBeGreaterThan(0);
    expect(frame.barBottom).toBeLessThanOrEqual(0);
    // Screens part by part as a thumb scrolls (a full-page capture leaves the part below the first screen blank here).
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'ticket-phone-390-top');
    for (const [part, name] of [
      ['[data-testid="timeline"] li:nth-child(12)', 'timeline'],
      ['.ticket-work', 'work'],
      ['[data-testid="customer-profile"]', 'profile'],
    ] as const) {
      await page.locator(part).first().scrollIntoViewIfNeeded();
      await screenshot(page, `ticket-phone-390-${name}`);
    }
    await page.setViewportSize({ width: 1024, height: 800 });
    await screenshot(page, 'ticket-approval-1024');
    await page.setViewportSize({ width: 390, height: 844 });

    await page.getByRole('link', { name: 'Back to the inbox' }).click();
    await page.waitForURL(/\/inbox\?search=/);
    expect(await page.getByLabel('Number or title').inputValue()).toBe(ticketNumber);
    await store.approvals.close('exec-approval-phone', 2, 'cancelled', new Date().toISOString());
  }, 120_000);
});
