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
 * The Create ticket step's title per language in the inspector (issue 13 leftovers):
 * an older single title shows in both languages, and editing the English one keeps
 * the Chinese. At 1024 px and at phone width.
 */

const run = browserAvailable();
let env: E2eEnvironment | undefined;

beforeAll(async () => {
  if (run) env = await startE2eEnvironment();
}, 180_000);
afterAll(async () => {
  await env?.close();
});

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

function ticketFlow() {
  const end = getNodeType('action.end')?.example as Record<string, unknown>;
  return {
    nodes: [
      { id: 'trigger', type: 'trigger.request_received', config: { channels: [] }, position: { x: 0, y: 0 } },
      {
        id: 'ticket',
        type: 'action.create_ticket',
        config: {
          title: '退货：{{ request.subject }}',
          description: '{{ request.message }}',
          priority: 'auto',
        },
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

describe('Create ticket title per language (browser)', () => {
  it('shows an older single title in both languages and saves a title per language', async () => {
    if (!env) return;
    const { page, server } = env;
    await page.setViewportSize({ width: 1024, height: 800 });
    await signInAsAdmin(page, server.url);
    const { id } = (await callTrpc(page, server.url, 'flows.create', {
      name: 'Returns',
      graph: ticketFlow(),
    })) as { id: string };
    await page.goto(`${server.url}/flows/${id}`);
    await node(page, 'ticket').click();
    await page.getByRole('tab', { name: 'Properties' }).click();
    const title = page.getByRole('group', { name: 'Title' });
    const chinese = title.getByRole('textbox', { name: 'Chinese' });
    const english = title.getByRole('textbox', { name: 'English' });
    expect(await chinese.inputValue()).toBe('退货：{{ request.subject }}');
    expect(await english.inputValue()).toBe('退货：{{ request.subject }}');
    await english.fill('Return: {{ request.subject }}');
    await screenshot(page, 'create-ticket-title-1024');
    await page.getByText('All changes saved').waitFor();
    // The saved draft, read as the signed-in admin (a query is a GET).
    const cookie = (await page.context().cookies()).map((entry) => `${entry.name}=${entry.value}`).join('; ');
    const url = `${server.url}/trpc/flows.get?input=${encodeURIComponent(JSON.stringify({ id }))}`;
    const answer = (await (await fetch(url, { headers: { cookie, origin: server.url } })).json()) as {
      result: { data: { draft: { nodes: Array<{ id: string; config: Record<string, unknown> }> } } };
    };
    expect(answer.result.data.draft.nodes.find((entry) => entry.id === 'ticket')?.config.title).toEqual({
      'zh-CN': '退货：{{ request.subject }}',
      en: 'Return: {{ request.subject }}',
    });
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'create-ticket-title-390');
  }, 90_000);
});
