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
 * The knowledge base (issue 13, item 7): an editor writes an article in both
 * languages, keeps it as a draft, publishes it, finds it with the search box
 * and "Try a question", and sees its usage go to 1 once a customer's request
 * was answered by it through a published flow.
 */

const run = browserAvailable();
let env: E2eEnvironment | undefined;

beforeAll(async () => {
  if (run) env = await startE2eEnvironment();
}, 180_000);
afterAll(async () => {
  await env?.close();
});

/** A request is answered from the knowledge base when an article is at least 40% sure, else handed on. */
function faqFlow() {
  const end = getNodeType('action.end')?.example as Record<string, unknown>;
  return {
    nodes: [
      { id: 'trigger', type: 'trigger.request_received', config: { channels: [] }, position: { x: 0, y: 0 } },
      {
        id: 'kb',
        type: 'action.auto_reply',
        config: { source: 'request.message', threshold: 0.4, sendReply: true },
        position: { x: 0, y: 160 },
      },
      {
        id: 'answered',
        type: 'action.end',
        label: 'Answered',
        config: { ...end },
        position: { x: 0, y: 320 },
      },
      {
        id: 'person',
        type: 'action.end',
        label: 'For a person',
        config: { ...end },
        position: { x: 300, y: 320 },
      },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourcePort: 'next', target: 'kb' },
      { id: 'e2', source: 'kb', sourcePort: 'answered', target: 'answered' },
      { id: 'e3', source: 'kb', sourcePort: 'not_answered', target: 'person' },
    ],
    settings: { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN', variables: [] },
  };
}

describe('knowledge base', () => {
  it('an editor writes an article in both languages, publishes it, finds it, and sees a request it answered', async () => {
    if (!env) return;
    const { page: admin, server, browser } = env;
    await signInAsAdmin(admin, server.url);
    const { id: flowId } = (await callTrpc(admin, server.url, 'flows.create', {
      name: 'FAQ answers',
      graph: faqFlow(),
    })) as { id: string };
    await callTrpc(admin, server.url, 'flows.publish', {
      id: flowId,
      note: 'Answer from the knowledge base',
    });
    const { secret } = (await callTrpc(admin, server.url, 'apiKeys.create', {
      name: 'e2e',
      role: 'agent',
    })) as {
      secret: string;
    };
    const { temporaryPassword } = (await callTrpc(admin, server.url, 'users.create', {
      email: 'editor@e2e.flowdesk.test',
      name: 'Eddie Editor',
      role: 'editor',
      locale: 'en',
    })) as { temporaryPassword: string };
    const ask = async (message: string) => {
      const response = await fetch(`${server.url}/api/v1/requests`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ channel: 'web_form', customer: { name: 'Wang Fang' }, message }),
      });
      expect(response.status).toBe(202);
      return ((await response.json()) as { produced: { replies?: Array<{ text: string }> } }).produced;
    };

    // The editor signs in with a browser of their own, choosing a password first.
    const context = await browser.newContext({ viewport: { width: 1024, height: 800 }, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${server.url}/flows`);
    await page.getByLabel('Language').or(page.getByLabel('语言')).selectOption('en');
    await page.getByLabel('Email').fill('editor@e2e.flowdesk.test');
    await page.getByLabel('Password').fill(temporaryPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Choose your own password' }).waitFor();
    await page.getByLabel('Current password').fill(temporaryPassword);
    await page.getByLabel('New password (at least 10 characters)').fill('editor-pass-2026');
    await page.getByLabel('Repeat the new password').fill('editor-pass-2026');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('heading', { name: 'Choose your own password' }).waitFor({ state: 'detached' });

    await page.getByRole('link', { name: 'Knowledge' }).click();
    await page.getByRole('heading', { name: 'Knowledge base' }).waitFor();
    await page.getByText('No articles yet.').waitFor();

    // A new article, written in English and Chinese, saved as a draft.
    await page.getByRole('button', { name: 'New article' }).click();
    const editor = page.locator('section.kb-editor');
    await editor.getByRole('tab', { name: 'English (en)' }).click();
    await editor.getByLabel('Title', { exact: true }).fill('Returns');
    await editor.getByLabel('Question 1', { exact: true }).fill('How do I return an item?');
    await editor.getByRole('button', { name: 'Add a question' }).click();
    await editor.getByLabel('Question 2', { exact: true }).fill('Can I send my shoes back?');
    await editor
      .getByLabel('Answer', { exact: true })
      .fill('Within 7 days of delivery, choose "Return" on the order page.');
    await editor.getByRole('tab', { name: 'Chinese (zh-CN)' }).click();
    await editor.getByLabel('Title', { exact: true }).fill('退货');
    await editor.getByLabel('Question 1', { exact: true }).fill('怎么申请退货');
    await editor.getByLabel('Answer', { exact: true }).fill('签收 7 天内在订单页点击“申请退货”即可。');
    await editor.getByPlaceholder('Type a tag, press Enter').fill('returns');
    await editor.getByPlaceholder('Type a tag, press Enter').press('Enter');
    await editor.getByRole('button', { name: 'Remove tag returns' }).waitFor();
    await editor.getByRole('button', { name: 'Save draft' }).click();
    await editor.getByText('Saved.').waitFor();
    const row = page.locator('table.kb-table tbody tr');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.first().textContent()).toContain('Draft');

    // A draft answers nobody.
    expect((await ask('鞋子不想要了，怎么申请退货')).replies ?? []).toEqual([]);

    await editor.getByRole('button', { name: 'Publish' }).click();
    await editor.getByText('Published: flows answer with it and agents see it now.').waitFor();
    await expect.poll(async () => (await row.first().textContent()) ?? '').toContain('Published');
    await screenshot(page, '80-knowledge-editor-1024');

    // The search box finds it by a question in either language; a filter that misses says so.
    const search = page.getByRole('searchbox', { name: 'Search' });
    await search.fill('send my shoes');
    await expect.poll(() => row.count()).toBe(1);
    await search.fill('申请退货');
    await expect.poll(() => row.count()).toBe(1);
    await search.fill('invoice');
    await page.getByText('No articles match these filters.').waitFor();
    await search.fill('');
    await page.getByLabel('Status').selectOption('draft');
    await page.getByText('No articles match these filters.').waitFor();
    await page.getByLabel('Status').selectOption('all');

    // "Try a question" ranks it with its confidence.
    await page.getByLabel('Customer question').fill('I want to return these shoes');
    await page.getByRole('button', { name: 'Try', exact: true }).click();
    const confidence = page.getByTestId('kb-try-confidence').first();
    await confidence.waitFor();
    expect(await confidence.textContent()).toMatch(/^Confidence \d+%$/);
    expect(await page.locator('.kb-try-results').textContent()).toContain('Returns');

    // A customer's request is answered with it, and its usage goes to 1 with a link to the execution.
    const uses = row.first().getByTestId('kb-uses');
    expect(await uses.textContent()).toBe('0 / 0');
    const produced = await ask('鞋子不想要了，怎么申请退货');
    expect(produced.replies?.map((reply) => reply.text)).toEqual(['签收 7 天内在订单页点击“申请退货”即可。']);
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByRole('heading', { name: 'Knowledge base' }).waitFor();
          return (
            (await page.locator('table.kb-table tbody tr').first().getByTestId('kb-uses').textContent()) ?? ''
          );
        },
        { timeout: 15_000, interval: 500 },
      )
      .toBe('1 / 1');
    await page.locator('table.kb-table').scrollIntoViewIfNeeded();
    await screenshot(page, '81-knowledge-list-usage-1024');

    // Phone width: the list scrolls inside its box, nothing leaves the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('table.kb-table').scrollIntoViewIfNeeded();
    await screenshot(page, '82-knowledge-list-390');
    const fits = async () => {
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      const topBar = await page.locator('header.top-bar').boundingBox();
      expect((topBar?.x ?? 0) + (topBar?.width ?? 0)).toBeLessThanOrEqual(390);
    };
    await fits();

    // The article's latest uses link to the execution that answered the request.
    await page.getByRole('button', { name: 'Returns' }).click();
    const usagePanel = page.locator('section.kb-usage');
    const executionLink = usagePanel.getByRole('link', { name: 'Open the execution' });
    expect(await executionLink.getAttribute('href')).toMatch(/^\/executions\/.+/);
    await page.locator('section.kb-editor').scrollIntoViewIfNeeded();
    await screenshot(page, '83-knowledge-editor-390');
    await usagePanel.scrollIntoViewIfNeeded();
    await screenshot(page, '84-knowledge-usage-390');
    await fits();
    await page.setViewportSize({ width: 1024, height: 800 });
    await usagePanel.scrollIntoViewIfNeeded();
    await screenshot(page, '85-knowledge-usage-1024');

    // Keyboard: the language tabs move with the arrow keys.
    await page.locator('section.kb-editor').getByRole('tab', { name: 'English (en)' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Chinese (zh-CN)');

    await context.close();
  }, 240_000);
});
