import { getNodeType } from '@flowdesk/model';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  callTrpc,
  type E2eEnvironment,
  screenshot,
  signInAsAdmin,
  startE2eEnvironment,
} from './e2e-kit.ts';

/**
 * The test run with a customer, as an admin uses it before publishing: pick
 * a customer who wrote before, see the reply exactly as they would get it,
 * make them a VIP by hand, save both as test cases, watch "Run all" catch a
 * draft change that sends the VIP down the wrong branch, and publish anyway
 * with a note that the audit log keeps. At 1024 px and at phone width.
 */

const run = browserAvailable();
let env: E2eEnvironment | undefined;

beforeAll(async () => {
  if (run) env = await startE2eEnvironment();
}, 180_000);
afterAll(async () => {
  await env?.close();
});

const VIP_REPLY =
  'Dear {{ customer.name | default: "customer" }}, a VIP agent will call you within the hour.';
const REGULAR_REPLY =
  'Hello {{ customer.name | default: "there" }}, we have your message and reply within a day.';

/** Request → Identify customer → "Is it a VIP?" (VIP level ≥ 3) → one reply for VIPs, another for everyone else → End. */
function vipFlow() {
  const end = getNodeType('action.end')?.example as Record<string, unknown>;
  const identify = getNodeType('action.identify_customer')?.example as Record<string, unknown>;
  const reply = (id: string, label: string, body: string, x: number) => ({
    id,
    type: 'action.send_message',
    label,
    config: { channel: 'reply', body: { 'zh-CN': body, en: body } },
    position: { x, y: 420 },
  });
  return {
    nodes: [
      { id: 'trigger', type: 'trigger.request_received', config: { channels: [] }, position: { x: 0, y: 0 } },
      { id: 'who', type: 'action.identify_customer', config: { ...identify }, position: { x: 0, y: 140 } },
      {
        id: 'vip',
        type: 'logic.condition',
        label: 'Is it a VIP?',
        config: {
          mode: 'rules',
          rules: {
            kind: 'group',
            combinator: 'all',
            children: [{ kind: 'rule', field: 'customer.vipLevel', operator: 'gte', value: 3 }],
          },
        },
        position: { x: 0, y: 280 },
      },
      reply('vip-reply', 'VIP reply', VIP_REPLY, -160),
      reply('regular-reply', 'Regular reply', REGULAR_REPLY, 160),
      { id: 'end', type: 'action.end', config: { ...end }, position: { x: 0, y: 580 } },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourcePort: 'next', target: 'who' },
      { id: 'e0', source: 'who', sourcePort: 'next', target: 'vip' },
      { id: 'e9', source: 'who', sourcePort: 'error', target: 'end' },
      { id: 'e2', source: 'vip', sourcePort: 'true', target: 'vip-reply' },
      { id: 'e3', source: 'vip', sourcePort: 'false', target: 'regular-reply' },
      { id: 'e4', source: 'vip', sourcePort: 'error', target: 'end' },
      { id: 'e5', source: 'vip-reply', sourcePort: 'next', target: 'end' },
      { id: 'e6', source: 'vip-reply', sourcePort: 'error', target: 'end' },
      { id: 'e7', source: 'regular-reply', sourcePort: 'next', target: 'end' },
      { id: 'e8', source: 'regular-reply', sourcePort: 'error', target: 'end' },
    ],
    settings: { timezone: 'Asia/Shanghai', defaultLocale: 'en', variables: [] },
  };
}

/** Request → Classify (Complaint / Order status) → Switch on the category, whose one case is not chosen yet. */
function categorySwitchFlow() {
  const end = getNodeType('action.end')?.example as Record<string, unknown>;
  return {
    nodes: [
      { id: 'trigger', type: 'trigger.request_received', config: { channels: [] }, position: { x: 0, y: 0 } },
      {
        id: 'sort',
        type: 'logic.classify',
        config: {
          source: 'request.message',
          categories: [
            { id: 'complaint', label: 'Complaint', keywords: ['complaint'], examples: [] },
            { id: 'order_status', label: 'Order status', keywords: ['parcel'], examples: [] },
          ],
          threshold: 0.7,
        },
        position: { x: 0, y: 160 },
      },
      {
        id: 'route',
        type: 'logic.switch',
        label: 'Route by category',
        config: {
          field: 'classification.category',
          cases: [{ id: 'complaints', label: 'Complaints', operator: 'equals', value: '' }],
        },
        position: { x: 0, y: 320 },
      },
      { id: 'end', type: 'action.end', config: { ...end }, position: { x: 0, y: 480 } },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourcePort: 'next', target: 'sort' },
      { id: 'e2', source: 'sort', sourcePort: 'complaint', target: 'route' },
      { id: 'e3', source: 'sort', sourcePort: 'order_status', target: 'route' },
      { id: 'e4', source: 'sort', sourcePort: 'low_confidence', target: 'end' },
      { id: 'e5', source: 'route', sourcePort: 'complaints', target: 'end' },
      { id: 'e6', source: 'route', sourcePort: 'default', target: 'end' },
    ],
    settings: { timezone: 'Asia/Shanghai', defaultLocale: 'en', variables: [] },
  };
}

/** Brings an element of the side panel (which scrolls on its own) into view for a screenshot. */
function scrollTo(page: Page, selector: string) {
  return page.locator(selector).first().scrollIntoViewIfNeeded();
}

/** The page is as wide as the window: nothing pokes out sideways. */
async function expectNoSidewaysScroll(page: Page, width: number) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

describe('the test run with a customer, saved cases and a publish that needs them', () => {
  it('tests a VIP branch with a picked customer, catches a breaking change and records the override', async () => {
    if (!env) return;
    const { page, server } = env;
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.setViewportSize({ width: 1024, height: 900 });
    await signInAsAdmin(page, server.url);

    // The flow is live already (v1); a customer has written to it through the REST API, like any real one.
    const { id: flowId } = (await callTrpc(page, server.url, 'flows.create', {
      name: 'VIP replies',
      graph: vipFlow(),
    })) as { id: string };
    await callTrpc(page, server.url, 'flows.publish', { id: flowId, note: 'First version' });
    const { secret } = (await callTrpc(page, server.url, 'apiKeys.create', {
      name: 'e2e',
      role: 'agent',
    })) as {
      secret: string;
    };
    const sent = await fetch(`${server.url}/api/v1/requests`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        channel: 'web_form',
        customer: { name: 'Zhang Wei', email: 'zhang.wei@example.com' },
        message: 'Where is my parcel?',
      }),
    });
    expect(sent.status).toBe(202);

    await page.goto(`${server.url}/flows/${encodeURIComponent(flowId)}`);
    await page.getByRole('tab', { name: 'Test run' }).click();
    const panel = page.locator('#panel-testRun');
    await panel.getByLabel('Message', { exact: true }).fill('Where is my parcel?');

    // Pick the existing customer from the search.
    const customer = panel.getByTestId('test-customer');
    await customer.getByLabel('Existing customer').fill('zhang');
    await customer.getByRole('button', { name: 'Find' }).click();
    const found = customer.getByRole('list', { name: 'Customers found' });
    await found.waitFor();
    await scrollTo(page, '#panel-testRun [data-testid="test-customer"]');
    await screenshot(page, '79-test-run-customer-found-1024');
    await found.getByRole('button', { name: /Zhang Wei/ }).click();
    expect(await customer.getByTestId('test-customer-picked').textContent()).toContain('Zhang Wei');

    // Run: a regular customer gets the regular reply, rendered with their name.
    await panel.getByRole('button', { name: 'Run test' }).click();
    await expect.poll(() => page.getByTestId('test-run-status').textContent()).toBe('Completed');
    // The reply exactly as the customer would get it: the text alone, the channel named beside it.
    const replyText = panel.getByTestId('test-effect-text');
    await expect
      .poll(() => replyText.textContent())
      .toBe('Hello Zhang Wei, we have your message and reply within a day.');
    expect(await panel.getByTestId('test-effect-channel').textContent()).toContain(
      'Reply on the request’s own channel',
    );
    await scrollTo(page, '#panel-testRun [data-testid="test-customer"]');
    await screenshot(page, '80-test-run-customer-picked-1024');
    await scrollTo(page, '#panel-testRun .test-effects');
    await screenshot(page, '81-test-run-rendered-reply-1024');
    const saveAs = async (name: string) => {
      await panel.getByLabel('Test case name').fill(name);
      await panel.getByRole('button', { name: 'Save sample' }).click();
      await panel.getByTestId('test-case').filter({ hasText: name }).waitFor();
    };
    await saveAs('Regular customer');

    // The same customer made a VIP by hand, with tags, a language and some history: the VIP reply.
    await customer.getByLabel('VIP level').fill('4');
    await customer.getByLabel('Tags').fill('gold, wholesale');
    await customer.getByLabel('Language').selectOption('en');
    await customer.getByLabel('Previous requests').fill('12');
    await customer.getByLabel('Previous complaints').fill('1');
    await panel.getByRole('button', { name: 'Run test' }).click();
    await expect
      .poll(() => replyText.textContent())
      .toBe('Dear Zhang Wei, a VIP agent will call you within the hour.');
    await scrollTo(page, '#panel-testRun [data-testid="test-customer"]');
    await screenshot(page, '82-test-run-customer-by-hand-1024');
    await saveAs('VIP customer');

    // Run all: both pass on the draft they were saved on.
    const cases = panel.getByTestId('test-case');
    const verdictOf = (name: string) =>
      cases.filter({ hasText: name }).getByTestId('case-verdict').textContent();
    await panel.getByRole('button', { name: 'Run all', exact: true }).click();
    await expect.poll(() => panel.getByTestId('run-all-summary').textContent()).toBe('2 of 2 passed');

    // A draft change that breaks the VIP case: VIPs now start at level 5.
    await page.locator('.react-flow__node[data-id="vip"]').click();
    await page.getByRole('tab', { name: 'Properties' }).click();
    const threshold = page.locator('#panel-inspector').getByRole('spinbutton', { name: 'Value' });
    await threshold.fill('5');
    await expect
      .poll(() => page.getByTestId('save-status').textContent(), { timeout: 10_000 })
      .toBe('All changes saved');
    await page.getByRole('tab', { name: 'Test run' }).click();
    await panel.getByRole('button', { name: 'Run all', exact: true }).click();
    await expect.poll(() => panel.getByTestId('run-all-summary').textContent()).toBe('1 of 2 passed');
    expect(await verdictOf('Regular customer')).toBe('Passed');
    expect(await verdictOf('VIP customer')).toBe('Failed');
    const why =
      (await cases.filter({ hasText: 'VIP customer' }).getByTestId('case-divergence').textContent()) ?? '';
    expect(why).toContain('expected Is it a VIP? → Yes, got Is it a VIP? → No');
    expect(await cases.filter({ hasText: 'Regular customer' }).getByTestId('case-divergence').count()).toBe(
      0,
    );
    await scrollTo(page, '#panel-testRun .saved-cases');
    await screenshot(page, '83-test-run-cases-1024');

    // Publish: the failing case blocks it; the admin publishes anyway with a note.
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish this flow' });
    await dialog.getByLabel('What changed? (note)').fill('VIPs from level 5');
    await dialog.getByRole('button', { name: 'Publish now' }).click();
    const failures = dialog.getByTestId('publish-test-failures');
    await failures.waitFor();
    expect(await failures.getByRole('listitem').allTextContents()).toEqual(['VIP customer']);
    // The refusal quotes the case the English way, not with Chinese brackets.
    expect(await dialog.getByRole('alert').filter({ hasText: 'test case' }).textContent()).toContain(
      '1 test case(s) failed: "VIP customer".',
    );
    expect(await page.getByTestId('live-version').textContent()).toBe('Live: v1');
    const overrideNote = 'Level 4 customers move to the regular desk from Monday';
    await failures.getByLabel(/Why publish anyway/).fill(overrideNote);
    await screenshot(page, '84-publish-failing-case-1024');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, '85-publish-failing-case-390');
    await expectNoSidewaysScroll(page, 390);
    await page.setViewportSize({ width: 1024, height: 900 });
    await failures.getByRole('button', { name: 'Publish anyway' }).click();
    await expect.poll(() => page.getByTestId('live-version').textContent()).toBe('Live: v2');

    // Phone width: the panel with its cases still reads, nothing sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('tab', { name: 'Test run' }).click();
    await scrollTo(page, '#panel-testRun [data-testid="test-customer"]');
    await screenshot(page, '86-test-run-customer-390');
    await expectNoSidewaysScroll(page, 390);
    await scrollTo(page, '#panel-testRun .test-effects');
    await screenshot(page, '87-test-run-rendered-reply-390');
    await scrollTo(page, '#panel-testRun .saved-cases');
    await screenshot(page, '88-test-run-cases-390');
    await page.setViewportSize({ width: 1024, height: 900 });

    // The override and its note are in the audit log.
    await page.getByRole('link', { name: 'Settings' }).click();
    const audit = page.getByRole('region', { name: 'Audit log' });
    await audit.getByLabel('Action').selectOption('flow.publish');
    const published = audit.locator('tbody tr').filter({ hasText: 'version: 2' });
    await published.waitFor();
    const entry = (await published.textContent()) ?? '';
    expect(entry).toContain(`flow:${flowId}`);
    expect(entry).toContain(overrideNote);
    expect(entry).toContain('VIP customer');
    expect(problems).toEqual([]);
  }, 180_000);
  it('picks a Switch case on the category from the Classify step’s categories by label and saves the id', async () => {
    if (!env) return;
    const { page, server } = env;
    await page.setViewportSize({ width: 1024, height: 900 });
    const { id: flowId } = (await callTrpc(page, server.url, 'flows.create', {
      name: 'Category routing',
      graph: categorySwitchFlow(),
    })) as { id: string };
    await page.goto(`${server.url}/flows/${encodeURIComponent(flowId)}`);
    await page.locator('.react-flow__node[data-id="route"]').click();
    await page.getByRole('tab', { name: 'Properties' }).click();
    const value = page.locator('#panel-inspector').getByRole('combobox', { name: 'Value' });
    expect(await value.locator('option').allTextContents()).toEqual([
      '(not set)',
      'Complaint',
      'Order status',
    ]);
    await value.selectOption({ label: 'Complaint' });
    await expect
      .poll(() => page.getByTestId('save-status').textContent(), { timeout: 10_000 })
      .toBe('All changes saved');
    await value.scrollIntoViewIfNeeded();
    await screenshot(page, '89-switch-category-case-1024');
    const cookie = (await page.context().cookies()).map((entry) => `${entry.name}=${entry.value}`).join('; ');
    const got = await fetch(
      `${server.url}/trpc/flows.get?input=${encodeURIComponent(JSON.stringify({ id: flowId }))}`,
      { headers: { cookie } },
    );
    const flow = (
      (await got.json()) as {
        result: { data: { draft: { nodes: { id: string; config: { cases?: { value: unknown }[] } }[] } } };
      }
    ).result.data;
    expect(flow.draft.nodes.find((node) => node.id === 'route')?.config.cases?.[0]?.value).toBe('complaint');
  }, 120_000);

  it('lets the tester pick what an approval decides, and a saved case keeps the pick', async () => {
    if (!env) return;
    const { page, server } = env;
    await page.setViewportSize({ width: 1024, height: 900 });
    const end = (id: string, label: string, outcome: string, x: number) => ({
      id,
      type: 'action.end',
      label,
      config: { outcome },
      position: { x, y: 320 },
    });
    const { id: flowId } = (await callTrpc(page, server.url, 'flows.create', {
      name: 'Refunds over 1,000',
      graph: {
        nodes: [
          {
            id: 'trigger',
            type: 'trigger.request_received',
            config: { channels: [] },
            position: { x: 0, y: 0 },
          },
          {
            id: 'ask',
            type: 'timing.ask_approval',
            label: 'Supervisor approves?',
            config: {
              decider: 'supervisor',
              question: 'Refund {{ request.message }}?',
              facts: [],
              timeout: { amount: 1, unit: 'days' },
              onTimeout: 'timed_out',
            },
            position: { x: 0, y: 160 },
          },
          end('yes', 'Refund paid', 'completed', -200),
          end('no', 'Refund refused', 'cancelled', 0),
          end('late', 'Nobody answered', 'completed', 200),
        ],
        edges: [
          { id: 'e1', source: 'trigger', sourcePort: 'next', target: 'ask' },
          { id: 'e2', source: 'ask', sourcePort: 'approved', target: 'yes' },
          { id: 'e3', source: 'ask', sourcePort: 'rejected', target: 'no' },
          { id: 'e4', source: 'ask', sourcePort: 'timed_out', target: 'late' },
        ],
        settings: { timezone: 'Asia/Shanghai', defaultLocale: 'en', variables: [] },
      },
    })) as { id: string };
    await page.goto(`${server.url}/flows/${encodeURIComponent(flowId)}`);
    await page.getByRole('tab', { name: 'Test run' }).click();
    const panel = page.locator('#panel-testRun');
    const decision = panel.getByLabel('Approval decision');
    expect(await decision.inputValue()).toBe('approved');
    await panel.getByLabel('Message', { exact: true }).fill('order 8812, 1,250');
    await decision.selectOption({ label: 'Rejected' });
    await panel.getByRole('button', { name: 'Run test' }).click();
    await panel.getByRole('button', { name: 'Refund refused' }).waitFor();
    expect(await panel.getByRole('button', { name: 'Refund paid' }).count()).toBe(0);
    await scrollTo(page, '#panel-testRun [data-testid="test-approval-outcome"]');
    await screenshot(page, '90-test-run-approval-decision-1024');

    await panel.getByLabel('Test case name').fill('Refused refund');
    await panel.getByRole('button', { name: 'Save sample' }).click();
    await panel.getByTestId('test-case').filter({ hasText: 'Refused refund' }).waitFor();
    // After a reload the pick is back to approved; running the saved case picks Rejected again.
    await page.reload();
    await page.getByRole('tab', { name: 'Test run' }).click();
    expect(await decision.inputValue()).toBe('approved');
    await panel.getByRole('button', { name: 'Run Refused refund' }).click();
    await panel.getByRole('button', { name: 'Refund refused' }).waitFor();
    expect(await decision.inputValue()).toBe('rejected');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('tab', { name: 'Test run' }).click();
    await scrollTo(page, '#panel-testRun [data-testid="test-approval-outcome"]');
    await screenshot(page, '91-test-run-approval-decision-390');
    await expectNoSidewaysScroll(page, 390);
    await page.setViewportSize({ width: 1024, height: 900 });
  }, 120_000);
});
