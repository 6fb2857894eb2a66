import { getNodeType } from '@flowdesk/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  callTrpc,
  type E2eEnvironment,
  openNav,
  screenshot,
  signInAsAdmin,
  startE2eEnvironment,
} from './e2e-kit.ts';

/**
 * A supervisor decides a refund the flow would not make alone: a request over
 * 1,000 parks its execution on "Ask for approval", the supervisor finds it in
 * the Approvals queue with the facts the flow gathered, approves it, and the
 * execution resumes and finishes on the approved path.
 */

const run = browserAvailable();
let env: E2eEnvironment | undefined;

beforeAll(async () => {
  if (run) env = await startE2eEnvironment();
}, 180_000);
afterAll(async () => {
  await env?.close();
});

function approvalFlow() {
  const end = getNodeType('action.end')?.example as Record<string, unknown>;
  const at = (y: number) => ({ x: 0, y });
  return {
    nodes: [
      { id: 'trigger', type: 'trigger.request_received', config: { channels: [] }, position: at(0) },
      {
        id: 'ticket',
        type: 'action.create_ticket',
        config: { title: 'Refund request', description: '{{ request.message }}', priority: 'auto' },
        position: at(160),
      },
      {
        id: 'approve',
        type: 'timing.ask_approval',
        label: 'Refund over 1,000?',
        config: {
          decider: 'supervisor',
          question: 'Refund {{ request.customFields.amount }} for ticket {{ ticket.number }}?',
          facts: ['request.customFields.amount', 'request.message', 'ticket.number'],
          timeout: { amount: 1, unit: 'days' },
          onTimeout: 'timed_out',
        },
        position: at(320),
      },
      { id: 'refunded', type: 'action.end', label: 'Refunded', config: { ...end }, position: at(480) },
      {
        id: 'declined',
        type: 'action.end',
        label: 'Declined',
        config: { ...end },
        position: { x: 300, y: 480 },
      },
      {
        id: 'failed',
        type: 'action.end',
        label: 'No ticket',
        config: { ...end },
        position: { x: -300, y: 320 },
      },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourcePort: 'next', target: 'ticket' },
      { id: 'e2', source: 'ticket', sourcePort: 'next', target: 'approve' },
      { id: 'e3', source: 'ticket', sourcePort: 'error', target: 'failed' },
      { id: 'e4', source: 'approve', sourcePort: 'approved', target: 'refunded' },
      { id: 'e5', source: 'approve', sourcePort: 'rejected', target: 'declined' },
      { id: 'e6', source: 'approve', sourcePort: 'timed_out', target: 'declined' },
    ],
    settings: { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN', variables: [] },
  };
}

describe('approvals', () => {
  it('a supervisor approves a pending refund and the waiting execution finishes, at 1024 px and phone width', async () => {
    if (!env) return;
    const { page: admin, server, browser } = env;
    await admin.setViewportSize({ width: 1024, height: 800 });
    await signInAsAdmin(admin, server.url);

    const { id } = (await callTrpc(admin, server.url, 'flows.create', {
      name: 'Large refunds',
      graph: approvalFlow(),
    })) as { id: string };
    await callTrpc(admin, server.url, 'flows.publish', { id, note: 'Ask before refunding' });
    const { secret } = (await callTrpc(admin, server.url, 'apiKeys.create', {
      name: 'e2e',
      role: 'agent',
    })) as {
      secret: string;
    };
    const { temporaryPassword } = (await callTrpc(admin, server.url, 'users.create', {
      email: 'sup@e2e.flowdesk.test',
      name: 'Sue Supervisor',
      role: 'supervisor',
      locale: 'en',
    })) as { temporaryPassword: string };

    const response = await fetch(`${server.url}/api/v1/requests`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        channel: 'web_form',
        customer: { name: 'Li Lei', email: 'li.lei@example.com' },
        message: 'Please refund order A1001, it arrived broken',
        customFields: { amount: 1250 },
      }),
    });
    expect(response.status).toBe(202);
    const ticketNumber =
      ((await response.json()) as { produced: { ticketNumber?: string } }).produced.ticketNumber ?? '';
    expect(ticketNumber).toMatch(/^CS\d+/);

    // The supervisor signs in (choosing a password of their own first) in a browser of their own.
    const context = await browser.newContext({ viewport: { width: 1024, height: 800 }, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${server.url}/flows`);
    await page.getByLabel('Language').or(page.getByLabel('语言')).selectOption('en');
    await page.getByLabel('Email').fill('sup@e2e.flowdesk.test');
    await page.getByLabel('Password').fill(temporaryPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Choose your own password' }).waitFor();
    await page.getByLabel('Current password').fill(temporaryPassword);
    await page.getByLabel('New password (at least 10 characters)').fill('supervisor-pass-2026');
    await page.getByLabel('Repeat the new password').fill('supervisor-pass-2026');
    await page.getByRole('button', { name: 'Change password' }).click();

    // The navigation says one request waits; the queue shows the question and the facts.
    // The top bar's entry (the inbox, where a supervisor lands, links the approvals too).
    const nav = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Approvals/ });
    await expect.poll(async () => (await nav.textContent()) ?? '', { timeout: 15_000 }).toContain('1');
    await nav.click();
    const card = page.locator('article.approval-card');
    await card.waitFor();
    const question = `Refund 1250 for ticket ${ticketNumber}?`;
    await card.getByRole('heading', { name: question }).waitFor();
    const facts = (await card.locator('.approval-facts').textContent()) ?? '';
    expect(facts).toContain('request.customFields.amount');
    expect(facts).toContain('1250');
    expect(facts).toContain('Please refund order A1001');
    expect(await card.textContent()).toContain('Large refunds');
    expect(await card.getByRole('link', { name: ticketNumber }).getAttribute('href')).toMatch(/^\/tickets\//);
    await screenshot(page, '70-approvals-1024');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, '71-approvals-390');

    // The supervisors were told in their inbox: the bell counts it, opens with the keyboard, links the ticket.
    const bell = page.getByRole('button', { name: /^Notifications/ });
    await expect.poll(async () => (await bell.getAttribute('aria-label')) ?? '').toContain('1 unread');
    await bell.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Notifications', exact: true }).waitFor();
    const panel = page.locator('.notification-panel');
    await panel.getByText(`Approval requested: ${question}`).waitFor();
    expect(await panel.getByRole('link', { name: 'Open ticket' }).getAttribute('href')).toMatch(
      /^\/tickets\//,
    );
    await screenshot(page, '72-notifications-390');
    await page.keyboard.press('Escape');
    expect(await bell.getAttribute('aria-expanded')).toBe('false');
    await page.setViewportSize({ width: 1024, height: 800 });

    await card.getByLabel('Note (optional)').fill('Photos show the damage');
    await card.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Decision saved: the flow goes on.').waitFor();
    await page.getByText('Nothing is waiting for a decision.').waitFor();
    await screenshot(page, '73-approvals-decided-1024');

    // The execution resumed on its version and finished on the approved path.
    await openNav(page, 'Executions');
    const rows = page.locator('table.execution-list tbody tr');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
    await expect
      .poll(
        async () => {
          await page.reload();
          return (await rows.first().textContent()) ?? '';
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toContain('Finished at "Refunded"');
    await screenshot(page, '74-approvals-execution-finished-1024');

    await context.close();
  }, 180_000);
});
