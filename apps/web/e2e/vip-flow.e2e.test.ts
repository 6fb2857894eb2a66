import type { Locator, Page } from 'playwright-core';
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
 * Issue 12's story, as an operations admin at a retail company lives it: the
 * demo flows are live, and a VIP flow is built with the mouse alone (steps
 * dropped into lines, a line dragged from an output into space), its team,
 * category and message template picked from dropdowns; a VIP and a regular
 * customer are tried in the test run; publishing warns about the demo intake
 * flows until the new flow is exclusive and first; a real request through REST
 * is then found again by its ticket number.
 */

const run = browserAvailable();
let env: E2eEnvironment | undefined;

beforeAll(async () => {
  if (run) env = await startE2eEnvironment();
}, 180_000);
afterAll(async () => {
  await env?.close();
});

const FLOW_NAME = 'VIP first';

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const edge = (page: Page, id: string) => page.locator(`.react-flow__edge[data-id="${id}"]`);
const edgeIds = async (page: Page) =>
  (
    await page
      .locator('.react-flow__edge')
      .evaluateAll((edges) => edges.map((each) => each.getAttribute('data-id') ?? ''))
  ).sort();

async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not on screen');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** The middle of a line on screen: the centre of its drawn path's box lies on a symmetric curve. */
const lineMiddle = (page: Page, id: string) => centre(edge(page, id).locator('.react-flow__edge-path'));

async function dragMouse(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
}

async function dragPaletteStepTo(page: Page, label: string, at: { x: number; y: number }) {
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!pane) throw new Error('no canvas');
  const item = page.locator('.palette').getByRole('button', { name: label, exact: true });
  await item.dragTo(page.locator('.react-flow__pane'), {
    targetPosition: { x: at.x - pane.x, y: at.y - pane.y },
  });
}

const port = (page: Page, id: string, name: string) =>
  node(page, id).locator(`.source-handle[data-handleid="${name}"]`);
const input = (page: Page, id: string) => node(page, id).locator('.target-handle');

/** From a card to its output port, then to another card's input: zoomed out, ports show on the card under the pointer. */
async function wire(page: Page, from: { id: string; port: string }, to: string) {
  await node(page, from.id).hover();
  await dragMouse(page, await centre(port(page, from.id, from.port)), await centre(input(page, to)));
}

async function tidyUp(page: Page) {
  await page.getByRole('button', { name: 'Tidy up (auto-layout)' }).click();
  // The layout animates; the next gesture needs the cards where they end up.
  await expect.poll(() => page.locator('.react-flow__viewport').getAttribute('style')).toBeTruthy();
  await page.waitForTimeout(400);
}

async function openProperties(page: Page, id: string) {
  await node(page, id).click();
  await page.getByRole('tab', { name: 'Properties' }).click();
}

/** Chooses the option whose text contains `text` (labels may carry both languages). */
async function pickOption(select: Locator, text: string) {
  const value = await select.evaluate(
    (element, wanted) =>
      [...(element as HTMLSelectElement).options].find((option) => option.text.includes(wanted))?.value,
    text,
  );
  if (value === undefined) {
    const offered = await select.locator('option').allTextContents();
    throw new Error(`no option "${text}" in ${offered.join(' | ')}`);
  }
  await select.selectOption(value);
}

const saved = (page: Page) =>
  expect
    .poll(() => page.getByTestId('save-status').textContent(), { timeout: 10_000 })
    .toBe('All changes saved');

describe('the VIP flow of issue 12, in a browser', () => {
  it('is built with the mouse, tried with two customers, published without overlap and found by ticket number', async () => {
    if (!env) return;
    const { page, server } = env;
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.setViewportSize({ width: 1024, height: 768 });
    await signInAsAdmin(page, server.url);

    // Setup: the retail demo, published, with its intake flows live on "Request received".
    await callTrpc(page, server.url, 'templates.install', { id: 'retail', publish: true });

    // A new flow starts with a request trigger.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Flows', exact: true })
      .click();
    await page.getByLabel('New flow name').fill(FLOW_NAME);
    await page.getByRole('button', { name: 'Create flow' }).click();
    await node(page, 'trigger').waitFor();

    // Trigger → End, by dragging End in and wiring it.
    const pane = await page.locator('.react-flow__pane').boundingBox();
    if (!pane) throw new Error('no canvas');
    await dragPaletteStepTo(page, 'End', { x: pane.x + pane.width - 160, y: pane.y + 120 });
    await node(page, 'end_1').waitFor();
    await wire(page, { id: 'trigger', port: 'next' }, 'end_1');
    await expect.poll(() => edgeIds(page)).toEqual(['trigger-next-end_1']);

    // Steps dropped onto the line go into it: Identify customer, then a Condition, then Create ticket.
    await dragPaletteStepTo(page, 'Identify customer', await lineMiddle(page, 'trigger-next-end_1'));
    await node(page, 'identify_customer_1').waitFor();
    await expect
      .poll(() => edgeIds(page))
      .toEqual(['identify_customer_1-next-end_1', 'trigger-next-identify_customer_1']);
    await tidyUp(page);
    await dragPaletteStepTo(page, 'Condition', await lineMiddle(page, 'identify_customer_1-next-end_1'));
    await node(page, 'condition_1').waitFor();
    await expect
      .poll(() => edgeIds(page))
      .toEqual([
        'condition_1-true-end_1',
        'identify_customer_1-next-condition_1',
        'trigger-next-identify_customer_1',
      ]);
    await tidyUp(page);
    await dragPaletteStepTo(page, 'Create ticket', await lineMiddle(page, 'condition_1-true-end_1'));
    await node(page, 'create_ticket_1').waitFor();
    await expect
      .poll(() => edgeIds(page))
      .toEqual([
        'condition_1-true-create_ticket_1',
        'create_ticket_1-next-end_1',
        'identify_customer_1-next-condition_1',
        'trigger-next-identify_customer_1',
      ]);
    await tidyUp(page);
    await dragPaletteStepTo(page, 'Classify', await lineMiddle(page, 'identify_customer_1-next-condition_1'));
    await node(page, 'classify_1').waitFor();
    await expect
      .poll(() => edgeIds(page))
      .toEqual([
        'classify_1-order_status-condition_1',
        'condition_1-true-create_ticket_1',
        'create_ticket_1-next-end_1',
        'identify_customer_1-next-classify_1',
        'trigger-next-identify_customer_1',
      ]);
    await tidyUp(page);
    // Returns and the unsure ones go to the same check.
    await wire(page, { id: 'classify_1', port: 'returns' }, 'condition_1');
    await expect.poll(() => edgeIds(page)).toContain('classify_1-returns-condition_1');
    await wire(page, { id: 'classify_1', port: 'low_confidence' }, 'condition_1');
    await expect.poll(() => edgeIds(page)).toContain('classify_1-low_confidence-condition_1');
    await screenshot(page, '60-vip-steps-in-line-1024');

    // The condition's No dragged into empty space opens the step picker; Send message is connected there.
    const no = await centre(port(page, 'condition_1', 'false'));
    const empty = {
      x: Math.max(no.x - 160, pane.x + 40),
      y: Math.min(no.y + 160, pane.y + pane.height - 60),
    };
    // Zoomed out, a card's ports show while the pointer is on it: from the card to its No, then away.
    await node(page, 'condition_1').hover();
    await dragMouse(page, no, empty);
    const picker = page.getByRole('dialog', { name: 'Connect to a step' });
    await picker.waitFor();
    await picker.locator('[role=option][data-option="type:action.send_message"]').click();
    await node(page, 'send_message_1').waitFor();
    await expect.poll(() => edgeIds(page)).toContain('condition_1-false-send_message_1');
    await tidyUp(page);
    await wire(page, { id: 'send_message_1', port: 'next' }, 'end_1');
    await expect.poll(() => edgeIds(page)).toContain('send_message_1-next-end_1');
    await tidyUp(page);
    await screenshot(page, '61-vip-wired-1024');

    // The condition: the customer's VIP level is at least 3, with every choice from a dropdown.
    await openProperties(page, 'condition_1');
    await page.getByLabel('Name on the canvas').fill('VIP customer?');
    const category = page.locator('.rule-row').first();
    await category.getByLabel('Field').selectOption('classification.category');
    await category.getByLabel('Comparison').selectOption('equals');
    await pickOption(category.getByLabel('Value'), 'Returns');
    await page.getByRole('button', { name: 'Add rule' }).click();
    const vip = page.locator('.rule-row').nth(1);
    await vip.getByLabel('Field').selectOption('customer.vipLevel');
    await vip.getByLabel('Comparison').selectOption('gte');
    await vip.getByLabel('Value').fill('3');
    await expect
      .poll(() => page.getByTestId('rule-sentence').textContent())
      .toBe("If the category is Returns and the customer's VIP level is at least 3");
    await screenshot(page, '62-vip-condition-1024');

    // Create ticket for the supervisors' team, picked from the workspace's teams; the category stays the Classify step's.
    await openProperties(page, 'create_ticket_1');
    await pickOption(page.locator('select[data-field="config.team"]'), 'CS supervisors');
    await page.locator('select[data-field="config.priority"]').selectOption('high');
    await screenshot(page, '63-vip-ticket-1024');

    // Send message: a reply with a saved message template picked from its dropdown.
    await openProperties(page, 'send_message_1');
    await page.locator('select[data-field="config.channel"]').selectOption('reply');
    await pickOption(page.locator('select[data-field="config.templateId"]'), 'Passed to a person');
    await screenshot(page, '64-vip-reply-1024');
    await saved(page);

    // No problems left: Publish is enabled.
    const publish = page.getByRole('button', { name: 'Publish', exact: true });
    await expect.poll(() => publish.isEnabled(), { timeout: 10_000 }).toBe(true);
    expect(await page.getByRole('tab', { name: /Problems/ }).textContent()).toBe('Problems');

    // Test run: a VIP asking for a refund takes the ticket path; a regular customer gets the reply.
    await page.getByRole('tab', { name: 'Test run' }).click();
    const testRun = page.locator('#panel-testRun');
    await testRun.getByLabel('Message', { exact: true }).fill('I want to return my shoes and get a refund.');
    const vipLevel = testRun.getByTestId('test-customer').getByLabel('VIP level');
    const status = page.getByTestId('test-run-status');
    await vipLevel.fill('3');
    await testRun.getByRole('button', { name: 'Run test' }).click();
    await expect.poll(() => status.textContent()).toBe('Completed');
    await expect
      .poll(() => node(page, 'create_ticket_1').locator('.node-card').getAttribute('class'))
      .toContain('status-visited');
    expect(await node(page, 'send_message_1').locator('.node-card').getAttribute('class')).not.toContain(
      'status-visited',
    );
    await screenshot(page, '66-vip-test-run-vip-1024');
    await testRun.getByLabel('Test case name').fill('VIP refund');
    await testRun.getByRole('button', { name: 'Save sample' }).click();
    await testRun.getByTestId('test-case').filter({ hasText: 'VIP refund' }).waitFor();

    await vipLevel.fill('0');
    await testRun.getByRole('button', { name: 'Run test' }).click();
    await expect
      .poll(() => node(page, 'send_message_1').locator('.node-card').getAttribute('class'))
      .toContain('status-visited');
    expect(await node(page, 'create_ticket_1').locator('.node-card').getAttribute('class')).not.toContain(
      'status-visited',
    );
    expect(await status.textContent()).toBe('Completed');
    expect(await testRun.getByRole('list', { name: 'Would send' }).textContent()).toContain('Send message');
    await screenshot(page, '67-vip-test-run-regular-1024');
    await testRun.getByLabel('Test case name').fill('Regular refund');
    await testRun.getByRole('button', { name: 'Save sample' }).click();
    await testRun.getByTestId('test-case').filter({ hasText: 'Regular refund' }).waitFor();
    await testRun.getByRole('button', { name: 'Run all', exact: true }).click();
    await expect.poll(() => testRun.getByTestId('run-all-summary').textContent()).toBe('2 of 2 passed');

    // Publishing names the demo intake flows that would also take these requests.
    await publish.click();
    const dialog = page.getByRole('dialog', { name: 'Publish this flow' });
    const overlaps = dialog.locator('.publish-overlaps');
    await expect.poll(() => overlaps.locator('li').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const overlapNames = await overlaps.locator('li strong').allTextContents();
    expect(overlapNames.sort()).toEqual(['Retail: off-hours auto-reply', 'Retail: request intake']);
    await screenshot(page, '68-vip-publish-overlaps-1024');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // The fix as designed: this flow's trigger is exclusive, and it comes first in the flow list.
    await openProperties(page, 'trigger');
    await page.getByLabel('Exclusive').check();
    await saved(page);
    await page.getByRole('link', { name: 'Flows', exact: true }).first().click();
    const moveUp = page.getByRole('button', { name: `Move "${FLOW_NAME}" up` });
    await moveUp.waitFor();
    const place = async () =>
      (await page.locator('table.data-table tbody tr').allTextContents()).findIndex((row) =>
        row.includes(FLOW_NAME),
      );
    for (let at = await place(); at > 0; at--) {
      await moveUp.click();
      await expect.poll(place).toBe(at - 1);
    }
    expect(await moveUp.isDisabled()).toBe(true);
    await screenshot(page, '69-vip-first-in-order-1024');
    await page.getByRole('link', { name: FLOW_NAME, exact: true }).click();
    await node(page, 'trigger').waitFor();
    // The draft as stored, not as first opened (the cache held the trigger alone).
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(7);
    await publish.click();
    await dialog.getByText('No other live flow handles the same requests.').waitFor();
    await screenshot(page, '70-vip-publish-clear-1024');
    await dialog.getByLabel('What changed? (note)').fill('VIP returns go to the supervisors first');
    await dialog.getByRole('button', { name: 'Publish now' }).click();
    await expect.poll(() => page.getByTestId('live-version').textContent()).toBe('Live: v1');

    // A VIP customer writes in through the REST API (the profile is setup; the key comes from Settings).
    await server.store.customers.create({
      id: 'customer-vip-e2e',
      workspaceId: 'default',
      name: '王小明',
      vipLevel: 3,
      identities: [{ kind: 'email', value: 'ming.wang@example.com' }],
      now: new Date().toISOString(),
    });
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Key name').fill('shop website');
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = (await page.getByTestId('api-key-secret').textContent()) ?? '';
    expect(secret.length).toBeGreaterThan(10);
    const response = await fetch(`${server.url}/api/v1/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': secret },
      body: JSON.stringify({
        channel: 'web_form',
        customer: { name: '王小明', email: 'ming.wang@example.com' },
        message: 'I want to return my shoes and get a refund.',
      }),
    });
    expect(response.status).toBe(202);
    const accepted = (await response.json()) as {
      executionIds: string[];
      produced: { ticketNumber?: string };
    };
    // Exclusive and first: this flow alone handles it, the demo intake stays out.
    expect(accepted.executionIds).toHaveLength(1);
    const ticketNumber = accepted.produced.ticketNumber ?? '';
    expect(ticketNumber).toMatch(/^CS\d+/);

    // The Executions page finds it by the ticket number; the trace names the flow and the ticket.
    await page.getByRole('link', { name: 'Executions' }).click();
    await page.getByLabel('Find').fill(ticketNumber);
    const rows = page.locator('table.execution-list tbody tr');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
    expect(await rows.first().textContent()).toContain(FLOW_NAME);
    await screenshot(page, '71-vip-execution-found-1024');
    await rows.first().getByRole('link').click();
    await page.getByRole('heading', { name: `${FLOW_NAME} · version 1` }).waitFor();
    expect(await page.getByTestId('execution-ticket').textContent()).toBe(ticketNumber);
    expect(await page.getByTestId('execution-customer').textContent()).toContain('王小明');
    await screenshot(page, '72-vip-execution-trace-1024');
    expect(problems).toEqual([]);
  }, 240_000);
});
