import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../server/src/auth/api-keys.ts';
import { updateChannel } from '../../server/src/channels/channel-settings.ts';
import { replyWithTicketFlow } from '../../server/src/channels/widget/widget-test-kit.ts';
import { browserAvailable, type E2eEnvironment, screenshot, startE2eEnvironment } from './e2e-kit.ts';

/**
 * The chat widget embedded in somebody else's site: a plain page on another
 * origin loads /widget.js from the FlowDesk server; a visitor chats, sees the
 * flow's auto-reply with the ticket number, then an agent's reply arrives live.
 */

const run = browserAvailable();
let env: E2eEnvironment | undefined;
let host: Server | undefined;
let hostUrl = '';

/** The shop's page: hostile CSS included, to show it cannot reach inside the widget. */
function shopPage(widgetSrc: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Shop</title>
<style>*{font-size:40px!important;color:red!important} textarea,button{display:none!important}</style></head>
<body><h1>A shop</h1>
<script src="${widgetSrc}" data-workspace="default" data-mode="chat" data-lang="zh-CN" async></script>
</body></html>`;
}

beforeAll(async () => {
  if (!run) return;
  env = await startE2eEnvironment();
  const { store, runtime } = env.server;
  const now = new Date().toISOString();
  const flow = replyWithTicketFlow(' 进度：{{ ticket.link }}');
  await store.flows.create({
    id: 'widget-intake',
    workspaceId: 'default',
    name: 'widget',
    draft: flow,
    createdBy: 'e2e',
    now,
  });
  await store.versions.publish('widget-intake', flow, 'e2e', 'e2e', now);
  runtime.flowsChanged();
  const page = shopPage(`${env.server.url}/widget.js`);
  host = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  });
  await new Promise<void>((resolve) => host?.listen(0, '127.0.0.1', () => resolve()));
  hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}/`;
  // The widget stays off until a site is allowed: this shop's page is the one.
  await updateChannel(
    store,
    { channel: 'widget', settings: { allowedOrigins: [new URL(hostUrl).origin] } },
    new Date(),
  );
}, 180_000);

afterAll(async () => {
  host?.closeAllConnections();
  await new Promise<void>((resolve) => (host ? host.close(() => resolve()) : resolve()));
  await env?.close();
});

describe('the chat widget on another site', () => {
  it('chats: auto-reply with the ticket number, then an agent’s reply arrives live', async () => {
    if (!env) return;
    const { page, server } = env;
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (entry) => {
      if (entry.type() === 'error') problems.push(entry.text());
    });

    const script = await fetch(`${server.url}/widget.js`);
    expect(script.headers.get('content-type')).toContain('application/javascript');
    expect(script.headers.get('cross-origin-resource-policy')).toBe('cross-origin');

    // What the widget sends when the conversation starts.
    const sentBodies: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/v1/channels/widget/conversations')) {
        sentBodies.push(request.postData() ?? '');
      }
    });

    // The host page's address carries a reset token, which must not leave the page.
    await page.goto(`${hostUrl}account/reset?token=E2E-RESET-TOKEN#code=E2E-FRAGMENT`);
    expect(new URL(hostUrl).origin).not.toBe(new URL(server.url).origin);
    await page.getByRole('button', { name: '联系客服' }).click();
    const typed = '订单还没发货 <b>急</b> {{ ticket.number }}';
    const chat = page.getByRole('tabpanel', { name: '在线聊天' });
    await chat.getByLabel('消息').fill(typed);
    await chat.getByRole('button', { name: '发送' }).click();

    const autoReply = page.locator('.msg[data-author="flow"]');
    await autoReply.waitFor();
    const replyText = (await autoReply.textContent()) ?? '';
    const ticketNumber = /CS\d+/.exec(replyText)?.[0];
    expect(ticketNumber).toBeDefined();
    expect(sentBodies).toHaveLength(1);
    expect((JSON.parse(sentBodies[0] ?? '{}') as { sourcePage?: string }).sourcePage).toBe(
      `${hostUrl}account/reset`,
    );
    expect(sentBodies[0]).not.toContain('E2E-RESET-TOKEN');
    expect(sentBodies[0]).not.toContain('E2E-FRAGMENT');
    // The customer's text is shown as typed: no <b> element, no template evaluated.
    await expect(page.locator('.msg[data-author="customer"]').textContent()).resolves.toContain(typed);
    expect(await page.locator('.msg b').count()).toBe(0);
    expect(replyText).toContain('{{ ticket.number }}');
    // ticket.link is the progress page with its signed token (issue time . HMAC), and it opens.
    const link = new URL(/https?:\/\/\S+\/t\/CS\d+\?token=[\w.-]+/.exec(replyText)?.[0] ?? 'http://missing/');
    expect(link.pathname).toBe(`/t/${ticketNumber}`);
    const progress = await fetch(`${server.url}${link.pathname}${link.search}`);
    expect(progress.status).toBe(200);
    expect(await progress.text()).toContain(ticketNumber);

    // An agent answers through the REST API; the widget receives it over its event stream.
    const ticket = await server.store.tickets.getByNumber(ticketNumber as string);
    const { secret } = await createApiKey(server.store, {
      id: 'e2e-agent',
      name: 'agent',
      role: 'agent',
      now: new Date(),
    });
    const replied = await fetch(`${server.url}/api/v1/tickets/${ticket?.id}/reply`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: JSON.stringify({ body: '您好，仓库今天会发出，请留意物流短信。' }),
    });
    expect(replied.status).toBe(200);
    const agentReply = page.locator('.msg[data-author="agent"]');
    await agentReply.waitFor();
    expect(await agentReply.textContent()).toContain('仓库今天会发出');

    // The host page's `button{display:none!important}` did not reach inside the widget.
    expect(await page.getByRole('button', { name: '发送' }).isVisible()).toBe(true);
    await screenshot(page, 'widget-chat');
    expect(problems).toEqual([]);
  });

  it('takes a message through the form and shows its ticket number', async () => {
    if (!env) return;
    const { page, server } = env;
    await page.goto(hostUrl);
    await page.getByRole('button', { name: '联系客服' }).click();
    await page.getByRole('tab', { name: '留言表单' }).click();
    const form = page.getByRole('tabpanel', { name: '留言表单' });
    await form.getByLabel('姓名（选填）').fill('李雷');
    await form.getByLabel('手机号或邮箱（选填）').fill('li.lei@example.com');
    await form.getByLabel('消息').fill('发票抬头写错了，{% if true %}请帮忙重开{% endif %}');
    await form.getByRole('button', { name: '提交' }).click();
    const receipt = form.locator('.receipt');
    await receipt.waitFor();
    const ticketNumber = /CS\d+/.exec((await receipt.textContent()) ?? '')?.[0];
    expect(ticketNumber).toBeDefined();
    const ticket = await server.store.tickets.getByNumber(ticketNumber as string);
    expect(ticket).toMatchObject({ channel: 'web_form' });
    expect(ticket?.description ?? '').toContain('{% if true %}');
    await screenshot(page, 'widget-form');
  });
});
