import { getNodeType } from '@flowdesk/model';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  callTrpc,
  type E2eEnvironment,
  expectFits,
  screenshot,
  signInAsAdmin,
  startE2eEnvironment,
} from './e2e-kit.ts';

/**
 * Issue 14, item 3: requests sent through the REST API go through a published
 * flow's two branches; the editor's "Analytics" overlay then labels each line
 * with as many executions as the executions' own step logs show, and compares
 * two versions in sentences. At 1024 px and at phone width.
 */

const run = browserAvailable();
let env: E2eEnvironment | undefined;

beforeAll(async () => {
  if (run) env = await startE2eEnvironment();
}, 180_000);
afterAll(async () => {
  await env?.close();
});

function refundFlow() {
  const end = getNodeType('action.end')?.example as Record<string, unknown>;
  const rule = { kind: 'rule', field: 'request.message', operator: 'contains', value: 'refund' };
  return {
    nodes: [
      { id: 'trigger', type: 'trigger.request_received', config: { channels: [] }, position: { x: 0, y: 0 } },
      {
        id: 'check',
        type: 'logic.condition',
        label: 'Asks for a refund?',
        config: { mode: 'rules', rules: { kind: 'group', combinator: 'all', children: [rule] } },
        position: { x: 420, y: 0 },
      },
      {
        id: 'refund',
        type: 'action.create_ticket',
        label: 'Refund ticket',
        config: { title: 'Refund', description: '{{ request.message }}', priority: 'auto' },
        position: { x: 840, y: -200 },
      },
      {
        id: 'people',
        type: 'action.escalate',
        label: 'To the supervisors',
        config: { queue: 'supervisor', reason: 'Refund', raisePriority: false },
        position: { x: 1260, y: -200 },
      },
      {
        id: 'other',
        type: 'action.create_ticket',
        label: 'Other ticket',
        config: { title: 'Question', description: '{{ request.message }}', priority: 'auto' },
        position: { x: 840, y: 200 },
      },
      { id: 'end', type: 'action.end', config: { ...end }, position: { x: 1680, y: 0 } },
    ],
    edges: [
      { id: 'e-start', source: 'trigger', sourcePort: 'next', target: 'check' },
      { id: 'e-yes', source: 'check', sourcePort: 'true', target: 'refund' },
      { id: 'e-no', source: 'check', sourcePort: 'false', target: 'other' },
      { id: 'e-escalate', source: 'refund', sourcePort: 'next', target: 'people' },
      { id: 'e-people-end', source: 'people', sourcePort: 'next', target: 'end' },
      { id: 'e-other-end', source: 'other', sourcePort: 'next', target: 'end' },
    ],
    settings: { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN', variables: [] },
  };
}

/** A tRPC query as the signed-in person (callTrpc posts, which only mutations take). */
async function queryTrpc(page: Page, base: string, procedure: string, input: unknown): Promise<unknown> {
  const cookie = (await page.context().cookies()).map((entry) => `${entry.name}=${entry.value}`).join('; ');
  const url = `${base}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;
  const response = await fetch(url, { headers: { cookie, origin: base } });
  const answer = (await response.json()) as { result?: { data: unknown }; error?: unknown };
  if (!answer.result)
    throw new Error(`${procedure} failed (${response.status}): ${JSON.stringify(answer.error)}`);
  return answer.result.data;
}

interface Step {
  nodeId: string;
  port: string | null;
}

/** Per edge id, how many of the flow's executions went along it, read from their step logs. */
async function edgeCountsFromExecutions(page: Page, base: string, flowId: string, version: number) {
  const flow = refundFlow();
  const list = (await queryTrpc(page, base, 'executions.list', { flowId, version, limit: 100 })) as {
    items: Array<{ id: string }>;
  };
  const counts = new Map<string, number>(flow.edges.map((edge) => [edge.id, 0]));
  for (const item of list.items) {
    const execution = (await queryTrpc(page, base, 'executions.get', { id: item.id })) as { steps: Step[] };
    execution.steps.forEach((step, index) => {
      const next = execution.steps[index + 1];
      const edge = flow.edges.find(
        (entry) =>
          entry.source === step.nodeId && entry.sourcePort === step.port && entry.target === next?.nodeId,
      );
      if (edge) counts.set(edge.id, (counts.get(edge.id) ?? 0) + 1);
    });
  }
  return { counts, executions: list.items.length };
}

/** What a line's label shows (the sentence beside it is for screen readers). */
const label = (page: Page, edgeId: string) =>
  page.locator(`[data-edge-figures="${edgeId}"] [aria-hidden="true"]`);

describe('flow analytics on the canvas', () => {
  it('labels each line with the executions that took it, per version, and compares two versions', async () => {
    if (!env) return;
    const { page, server } = env;
    const base = server.url;
    await page.setViewportSize({ width: 1024, height: 800 });
    await signInAsAdmin(page, base);

    const { id } = (await callTrpc(page, base, 'flows.create', {
      name: 'Refund desk',
      graph: refundFlow(),
    })) as {
      id: string;
    };
    await callTrpc(page, base, 'flows.publish', { id, note: 'First version' });
    const { secret } = (await callTrpc(page, base, 'apiKeys.create', { name: 'shop', role: 'agent' })) as {
      secret: string;
    };
    const send = async (message: string) => {
      const response = await fetch(`${base}/api/v1/requests`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ channel: 'web_form', customer: { name: 'Li Lei' }, message }),
      });
      expect(response.status).toBe(202);
    };
    for (const message of [
      'I want a refund',
      'refund please',
      'refund the shoes',
      'Where is my parcel?',
      'Hi',
    ])
      await send(message);
    // Version 2 (the same graph published again) gets other requests: 1 refund in 4.
    await callTrpc(page, base, 'versions.rollback', { flowId: id, version: 1 });
    for (const message of ['refund now', 'Opening hours?', 'Invoice?', 'Thanks']) await send(message);

    const v1 = await edgeCountsFromExecutions(page, base, id, 1);
    const v2 = await edgeCountsFromExecutions(page, base, id, 2);
    expect(v1.executions).toBe(5);
    expect(v2.executions).toBe(4);
    expect(v1.counts.get('e-yes')).toBe(3);

    await page.goto(`${base}/flows/${id}`);
    await page.getByTestId('analytics-toggle').click();
    await page.getByTestId('analytics-canvas').waitFor();
    // The live version (2) first, compared with version 1.
    await expect.poll(() => label(page, 'e-start').textContent(), { timeout: 15_000 }).toBe('4');
    for (const [edgeId, count] of v2.counts) {
      expect(await label(page, edgeId).textContent()).toMatch(new RegExp(`^${count}( · \\d+%)?$`));
    }
    expect(await label(page, 'e-yes').textContent()).toBe('1 · 25%');
    expect(await label(page, 'e-no').textContent()).toBe('3 · 75%');
    // Each step says how often it ran.
    expect(
      await page.locator('.react-flow__node[data-id="check"] [data-step-figures]').textContent(),
    ).toContain('4 runs');
    const sentences = page.getByTestId('analytics-sentences');
    await expect
      .poll(() => sentences.textContent(), { timeout: 10_000 })
      .toContain('v2 sends 58 % fewer requests to people than v1 (25 % vs 60 % of requests)');
    const outcomes = page.getByTestId('analytics-outcomes');
    expect(await outcomes.locator('[data-outcome="handedOff"]').textContent()).toContain('1 (25%)');
    expect(await outcomes.locator('[data-outcome="handedOff"]').textContent()).toContain('3 (60%)');
    await screenshot(page, '70-flow-analytics-1024');

    // Version 1 on the canvas: its labels are its executions' paths.
    await page.getByTestId('analytics-version').selectOption('1');
    await expect.poll(() => label(page, 'e-start').textContent(), { timeout: 10_000 }).toBe('5');
    for (const [edgeId, count] of v1.counts) {
      expect(await label(page, edgeId).textContent()).toMatch(new RegExp(`^${count}( · \\d+%)?$`));
    }
    expect(await label(page, 'e-yes').textContent()).toBe('3 · 60%');
    // Version 1 cannot be compared with itself: the comparison is dropped until another is picked.
    expect(await page.getByTestId('analytics-compare').inputValue()).toBe('');
    await expect.poll(() => page.getByTestId('analytics-sentences').count()).toBe(0);
    await page.getByTestId('analytics-compare').selectOption('2');
    await expect
      .poll(() => page.getByTestId('analytics-sentences').textContent(), { timeout: 10_000 })
      .toContain('v1 sends 140 % more requests to people than v2 (60 % vs 25 % of requests)');
    await screenshot(page, '71-flow-analytics-v1-1024');

    await page.setViewportSize({ width: 390, height: 844 });
    await expectFits(page, ['.flow-analytics-panel']);
    await screenshot(page, '72-flow-analytics-390');
    await page.getByRole('button', { name: 'Hide the details panel' }).click();
    await screenshot(page, '73-flow-analytics-390-canvas');
    await page.setViewportSize({ width: 1024, height: 800 });

    // Off again: the editor's draft canvas, with its palette.
    await page.getByTestId('analytics-toggle').click();
    await page.locator('.palette').waitFor();
  }, 180_000);
});
