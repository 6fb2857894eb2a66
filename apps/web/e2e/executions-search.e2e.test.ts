import { getNodeType } from '@flowdesk/model';
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
 * A manager finds yesterday's request again: a request sent through the REST
 * API creates a ticket, the Executions list finds its execution by the ticket
 * number, and the trace names the flow, version, ticket and customer.
 */

const run = browserAvailable();
let env: E2eEnvironment | undefined;

beforeAll(async () => {
  if (run) env = await startE2eEnvironment();
}, 180_000);
afterAll(async () => {
  await env?.close();
});

/** Trigger → Create ticket → End (also on error): lints clean, so it publishes. */
function ticketFlow() {
  const end = getNodeType('action.end')?.example as Record<string, unknown>;
  return {
    nodes: [
      { id: 'trigger', type: 'trigger.request_received', config: { channels: [] }, position: { x: 0, y: 0 } },
      {
        id: 'ticket',
        type: 'action.create_ticket',
        label: 'Open a refund ticket',
        config: { title: 'Refund request', description: '{{ request.message }}', priority: 'auto' },
        position: { x: 0, y: 160 },
      },
      { id: 'end', type: 'action.end', config: { ...end }, position: { x: 0, y: 320 } },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourcePort: 'next', target: 'ticket' },
      { id: 'e2', source: 'ticket', sourcePort: 'next', target: 'end' },
      { id: 'e3', source: 'ticket', sourcePort: 'error', target: 'end' },
    ],
    settings: { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN', variables: [] },
  };
}

describe('finding an execution again', () => {
  it('finds a REST request by its ticket number and opens its trace, at 1024 px and at phone width', async () => {
    if (!env) return;
    const { page, server } = env;
    await page.setViewportSize({ width: 1024, height: 800 });
    await signInAsAdmin(page, server.url);

    const { id } = (await callTrpc(page, server.url, 'flows.create', {
      name: 'Refund requests',
      graph: ticketFlow(),
    })) as { id: string };
    await callTrpc(page, server.url, 'flows.publish', { id, note: 'First version' });
    const { secret } = (await callTrpc(page, server.url, 'apiKeys.create', {
      name: 'e2e',
      role: 'agent',
    })) as {
      secret: string;
    };

    // Two requests, so the search has something to leave out.
    const send = async (customer: Record<string, string>, message: string) => {
      const response = await fetch(`${server.url}/api/v1/requests`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ channel: 'web_form', customer, message }),
      });
      expect(response.status).toBe(202);
      return ((await response.json()) as { produced: { ticketNumber?: string } }).produced.ticketNumber ?? '';
    };
    await send({ name: 'Li Lei', email: 'li.lei@example.com' }, 'My parcel never came.');
    const ticketNumber = await send(
      { name: '王小明', email: 'ming.wang@example.com', phone: '13812345678' },
      '我要退货，订单 A1001',
    );
    expect(ticketNumber).toMatch(/^CS\d+/);

    await page.getByRole('link', { name: 'Executions' }).click();
    const rows = page.locator('table.execution-list tbody tr');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(2);
    await page.getByLabel('Find').fill(ticketNumber);
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1);
    const row = rows.first();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('Refund requests');
    expect(text).toContain(ticketNumber);
    expect(text).toContain('王小明');
    expect(text).toContain('Finished at "End"');
    await screenshot(page, '40-executions-search-1024');

    // The customer's name finds it too.
    await page.getByLabel('Find').fill('小明');
    await expect.poll(() => rows.count()).toBe(1);
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, '41-executions-search-390');
    await page.setViewportSize({ width: 1024, height: 800 });

    await row.getByRole('link').click();
    await page.getByRole('heading', { name: 'Refund requests · version 1' }).waitFor();
    expect(await page.getByTestId('execution-ticket').textContent()).toBe(ticketNumber);
    expect(await page.getByTestId('execution-customer').textContent()).toContain('王小明');
    // The ticket step's output, labelled as the field picker names it, with the JSON on demand.
    const ticketStep = page.locator('.step-log li').filter({ hasText: 'Open a refund ticket' });
    await ticketStep.locator('summary').click();
    await ticketStep.getByText('Ticket · Ticket number').waitFor();
    await ticketStep.getByRole('button', { name: 'Show JSON' }).click();
    expect(await ticketStep.locator('pre').textContent()).toContain(ticketNumber);
    await screenshot(page, '42-execution-trace-1024');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, '43-execution-trace-390');

    // The flow list names the trigger and the live version, and finds the flow by its trigger's name.
    await page.setViewportSize({ width: 1024, height: 800 });
    await page.getByRole('link', { name: 'Flows', exact: true }).click();
    await page.getByLabel('Search flows').fill('request received');
    const flowRow = page.locator('table.data-table tbody tr').filter({ hasText: 'Refund requests' });
    await flowRow.waitFor();
    expect(await flowRow.textContent()).toContain('Request received');
    expect(await flowRow.textContent()).toContain('v1');
    expect(await flowRow.textContent()).not.toContain('unpublished changes');
    await screenshot(page, '44-flows-search-1024');
  }, 120_000);
});
