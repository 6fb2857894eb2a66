import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  browserAvailable,
  callTrpc,
  chooseLanguage,
  type E2eEnvironment,
  screenshot,
  startE2eEnvironment,
} from './e2e-kit.ts';

/**
 * Words a service manager reads (issue 12): the language picked on the sign-in
 * page stays after signing in, a flow installed from a template is named in
 * that language, a condition card reads as a sentence, and the inspector keeps
 * technical settings and other channels' fields out of the way.
 */

const run = browserAvailable();
let env: E2eEnvironment | undefined;

beforeAll(async () => {
  if (run) env = await startE2eEnvironment();
}, 180_000);
afterAll(async () => {
  await env?.close();
});

const position = (x: number) => ({ x, y: 120 });

/** Classify → "complaint from a VIP?" → an email: the sentence and both inspectors in one flow. */
const VIP_COMPLAINTS = {
  nodes: [
    {
      id: 'start',
      type: 'trigger.request_received',
      config: { channels: [], categories: [], keywords: [] },
      position: position(0),
    },
    {
      id: 'who',
      type: 'action.identify_customer',
      config: { by: ['phone', 'email'], createIfMissing: true },
      position: position(320),
    },
    {
      id: 'sort',
      type: 'logic.classify',
      label: '判断诉求',
      config: {
        categories: [
          { id: 'complaint', label: '投诉', keywords: ['投诉'] },
          { id: 'question', label: '咨询', keywords: ['请问'] },
        ],
      },
      position: position(640),
    },
    {
      id: 'vip_complaint',
      type: 'logic.condition',
      config: {
        mode: 'rules',
        rules: {
          kind: 'group',
          combinator: 'all',
          children: [
            { kind: 'rule', field: 'classification.category', operator: 'equals', value: 'complaint' },
            { kind: 'rule', field: 'customer.vipLevel', operator: 'gte', value: 3 },
          ],
        },
      },
      position: position(960),
    },
    {
      id: 'apology',
      type: 'action.send_message',
      config: {
        channel: 'email',
        to: 'customer',
        subject: { 'zh-CN': '我们已收到您的反馈', en: 'We have your feedback' },
        body: { 'zh-CN': '您好，我们会尽快处理。', en: 'Hello, we are on it.' },
      },
      position: position(1280),
    },
  ],
  edges: [
    { id: 'e0', source: 'start', sourcePort: 'next', target: 'who' },
    { id: 'e1', source: 'who', sourcePort: 'next', target: 'sort' },
    { id: 'e2', source: 'sort', sourcePort: 'complaint', target: 'vip_complaint' },
    { id: 'e3', source: 'vip_complaint', sourcePort: 'true', target: 'apology' },
  ],
  settings: { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN', variables: [] },
};

describe('the words a manager reads, in a browser', () => {
  it('keeps Chinese picked at sign-in, names template flows in Chinese and reads conditions as sentences', async () => {
    if (!env) return;
    const { page, server } = env;
    await page.setViewportSize({ width: 1024, height: 768 });

    // The browser says English; the manager picks 中文 on the sign-in page.
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('button', { name: '登录' }).waitFor();
    // A reload of the sign-in page keeps the pick.
    await page.reload();
    await page.locator('#login-email').fill(ADMIN.email);
    await page.locator('#login-password').fill(ADMIN.password);
    await page.locator('button[type="submit"]').click();
    await page.getByRole('link', { name: '流程', exact: true }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    // Still Chinese after a reload: the profile has the pick now.
    await page.reload();
    await page.getByRole('link', { name: '流程', exact: true }).waitFor();
    expect(await page.locator('.top-bar').getByLabel('语言').inputValue()).toBe('zh-CN');

    // A flow installed from a template is named in the interface language.
    await callTrpc(page, server.url, 'templates.install', { id: 'retail', publish: false });
    await page.goto(`${server.url}/flows`);
    await page.getByRole('link', { name: '零售：退货面单' }).click();
    await expect.poll(() => page.locator('h1.flow-name').textContent()).toBe('零售：退货面单');

    // The template's condition card reads as a sentence with labels, not field paths.
    const approved = page.locator('.react-flow__node[data-id="approved_return"] .node-card-summary');
    // Zoomed out to fit, a card shows its compact face; the summary is there for zooming in.
    await approved.waitFor({ state: 'attached' });
    await expect.poll(() => approved.textContent()).not.toContain('customer_service');
    const approvedText = (await approved.textContent()) ?? '';
    expect(approvedText.startsWith('如果 工单的 处理团队 属于')).toBe(true);
    expect(approvedText).not.toContain('ticket.');

    // A condition on a category and a VIP level, after a Classify step.
    const created = (await callTrpc(page, server.url, 'flows.create', {
      name: 'VIP 投诉',
      graph: VIP_COMPLAINTS,
    })) as { id: string };
    await page.goto(`${server.url}/flows/${encodeURIComponent(created.id)}`);
    const condition = page.locator('.react-flow__node[data-id="vip_complaint"]');
    await condition.locator('.node-card-summary').waitFor({ state: 'attached' });
    expect(await condition.locator('.node-card-summary').textContent()).toBe(
      '如果 分类 是 投诉 且 客户的 VIP 等级 至少为 3',
    );

    // Its inspector: the same sentence above the rule builder, fields grouped by source and step.
    await condition.click();
    await expect
      .poll(() => page.getByTestId('rule-sentence').textContent())
      .toBe('如果 分类 是 投诉 且 客户的 VIP 等级 至少为 3');
    const groups = await page
      .locator('.rule-row select[data-field$=".field"]')
      .first()
      .locator('optgroup')
      .evaluateAll((found) => found.map((group) => group.getAttribute('label')));
    expect(groups).toEqual(['请求', '客户', '判断诉求']);
    const advanced = page.getByTestId('advanced-fields');
    expect(await advanced.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(false);
    await screenshot(page, '50-condition-inspector-zh-1024');

    // The same in English (this machine's Chromium has no CJK font, so these are the legible ones).
    await chooseLanguage(page, 'en');
    await expect
      .poll(() => page.getByTestId('rule-sentence').textContent())
      .toBe("If the category is 投诉 and the customer's VIP level is at least 3");
    await screenshot(page, '51-condition-inspector-en-1024');

    // Send message by email: subject and recipient, no webhook URL; by SMS the subject goes.
    await page.locator('.react-flow__node[data-id="apology"]').click();
    await page.locator('[data-field="config.subject"]').first().waitFor();
    expect(await page.locator('[data-field="config.url"]').count()).toBe(0);
    await page.getByTestId('advanced-fields').waitFor({ state: 'detached' });
    await screenshot(page, '52-send-message-email-1024');
    await page.locator('select[data-field="config.channel"]').selectOption('sms');
    await expect.poll(() => page.locator('[data-field="config.subject"]').count()).toBe(0);
    await screenshot(page, '53-send-message-sms-1024');
  }, 120_000);
});
