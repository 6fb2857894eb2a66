import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { updateChannel } from '../channel-settings.ts';
import { WIDGET_CHANNEL_CACHE_MS } from './widget-cors.ts';
import { SseReader, startWidgetBed, WIDGET_TEST_ORIGIN, type WidgetBed } from './widget-test-kit.ts';

let bed: WidgetBed;
let ipCounter = 0;

beforeAll(async () => {
  bed = await startWidgetBed();
});
afterAll(async () => {
  await bed.close();
});

/** Changes the widget channel and lets the app's short-lived copy of it expire, as a few seconds would. */
async function changeWidget(settings: Record<string, unknown> | undefined, enabled?: boolean) {
  await updateChannel(
    bed.harness.store,
    { channel: 'widget', ...(settings ? { settings } : {}), ...(enabled === undefined ? {} : { enabled }) },
    bed.harness.clock.now(),
  );
  bed.harness.clock.advance(WIDGET_CHANNEL_CACHE_MS);
}

/** Each test comes from its own address, so the per-IP limit of one does not affect another. */
function visitor(headers: Record<string, string> = {}) {
  return { 'x-forwarded-for': `203.0.113.${++ipCounter}`, origin: WIDGET_TEST_ORIGIN, ...headers };
}

interface Started {
  conversationId: string;
  token: string;
  ticketNumber?: string;
  progressUrl?: string;
  messages: { seq: number; direction: string; author: string; body: string }[];
}

async function start(body: Record<string, unknown>, headers = visitor()) {
  return fetch(`${bed.baseUrl}/api/v1/channels/widget/conversations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ locale: 'zh-CN', visitorId: 'visitor-0001', ...body }),
  });
}

function events(started: Started, after = 0, token = started.token) {
  const url = `${bed.baseUrl}/api/v1/channels/widget/conversations/${started.conversationId}/events`;
  return fetch(`${url}?token=${encodeURIComponent(token)}&after=${after}`, { headers: visitor() });
}

describe('web form', () => {
  it('turns the form into a ticket and answers with the number and the flow’s reply', async () => {
    const response = await start({
      mode: 'form',
      name: '王小明',
      contact: 'xiaoming@example.com',
      message: '鞋子尺码不对，想换货',
      sourcePage: 'https://shop.example.cn/help?reset_token=s3cret-reset#step2',
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example.cn');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    const started = (await response.json()) as Started;
    expect(started.ticketNumber).toMatch(/^CS\d+/);
    expect(started.token).toHaveLength(43);
    expect(started.progressUrl).toMatch(new RegExp(`/t/${started.ticketNumber}\\?token=`));
    expect(started.messages.map((message) => [message.author, message.body])).toEqual([
      ['customer', '鞋子尺码不对，想换货'],
      ['flow', `已收到：鞋子尺码不对，想换货，工单号 ${started.ticketNumber}`],
    ]);

    const ticket = await bed.harness.store.tickets.getByNumber(started.ticketNumber as string);
    expect(ticket?.channel).toBe('web_form');
    const conversation = await bed.harness.store.conversations.get(started.conversationId);
    expect(conversation?.ticketId).toBe(ticket?.id);
    // Only the token's hash is stored.
    expect(conversation?.tokenHash).not.toContain(started.token);
    expect(JSON.stringify(conversation)).not.toContain(started.token);
  });

  it('keeps only the origin and path of the page the visitor wrote from, never its query or fragment', async () => {
    const response = await start({
      mode: 'form',
      message: '忘记密码后无法登录',
      sourcePage: 'https://shop.example.cn/account/reset?token=RESET-TOKEN-123#code=abc',
    });
    expect(response.status).toBe(201);
    const { items } = await bed.harness.store.executions.list();
    const states = await Promise.all(items.map((item) => bed.harness.store.executions.get(item.id)));
    const stored = JSON.stringify(states);
    expect(stored).toContain('"sourcePage":"https://shop.example.cn/account/reset"');
    expect(stored).not.toContain('RESET-TOKEN-123');
    expect(stored).not.toContain('code=abc');
  });

  it('builds the progress link from the configured public URL, whatever Host the request names', async () => {
    // fetch() always sends the real Host, so this request is made by hand.
    const body = JSON.stringify({ mode: 'form', message: '查询进度', locale: 'zh-CN' });
    const answer = await new Promise<string>((resolve, reject) => {
      const sent = request(
        `${bed.baseUrl}/api/v1/channels/widget/conversations`,
        {
          method: 'POST',
          headers: {
            ...visitor(),
            host: 'intranet.corp:8443',
            'x-forwarded-proto': 'gopher',
            'content-type': 'application/json',
          },
        },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            text += chunk;
          });
          response.on('end', () => resolve(text));
        },
      );
      sent.on('error', reject);
      sent.end(body);
    });
    const started = JSON.parse(answer) as Started;
    const link = new URL(started.progressUrl ?? 'http://missing/');
    expect(link.origin).toBe(bed.baseUrl);
    expect((await fetch(`${bed.baseUrl}${link.pathname}${link.search}`)).status).toBe(200);
  });

  it('refuses a contact that is neither a phone number nor an email, and stores nothing', async () => {
    const before = await bed.harness.store.tickets.list();
    const response = await start({ mode: 'form', contact: 'call me maybe', message: 'hi' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; pointer: string; messages: unknown } };
    expect(body.error).toMatchObject({ code: 'widget_contact_invalid', pointer: '/contact' });
    expect(body.error.messages).toMatchObject({ 'zh-CN': expect.stringContaining('手机号') });
    expect(await bed.harness.store.tickets.list()).toHaveLength(before.length);
  });
});

describe('chat', () => {
  it('shows the immediate reply over SSE, then an agent’s reply sent through tRPC', async () => {
    const started = (await (await start({ mode: 'chat', message: '我的订单还没发货' })).json()) as Started;
    const stream = await events(started);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reader = new SseReader(stream);
    const first = await reader.next();
    expect(first.id).toBe('1');
    expect(JSON.parse(first.data)).toMatchObject({ author: 'customer', body: '我的订单还没发货' });
    const autoReply = JSON.parse((await reader.next()).data) as { author: string; body: string };
    expect(autoReply).toMatchObject({
      author: 'flow',
      body: expect.stringContaining(started.ticketNumber ?? '?'),
    });

    const ticket = await bed.harness.store.tickets.getByNumber(started.ticketNumber as string);
    expect(ticket?.channel).toBe('chat');
    await bed.caller.tickets.reply({ id: ticket?.id as string, body: '您好，已为您催促仓库发货。' });
    const agentReply = JSON.parse((await reader.next()).data) as { author: string; body: string };
    expect(agentReply).toEqual(
      expect.objectContaining({ author: 'agent', body: '您好，已为您催促仓库发货。' }),
    );

    // The customer answers; it joins the ticket's history and arrives on the stream too.
    const sent = await fetch(
      `${bed.baseUrl}/api/v1/channels/widget/conversations/${started.conversationId}/messages`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${started.token}`,
          ...visitor(),
        },
        body: JSON.stringify({ message: '谢谢！' }),
      },
    );
    expect(sent.status).toBe(202);
    expect(await sent.json()).toEqual({ ticketNumber: started.ticketNumber });
    const followUp = JSON.parse((await reader.next()).data) as { author: string; body: string; seq: number };
    expect(followUp).toMatchObject({ author: 'customer', body: '谢谢！', seq: 4 });
    const history = await bed.harness.store.ticketHistory.list(ticket?.id as string);
    expect(history.find((entry) => entry.field === 'customer_message')?.to).toBe('谢谢！');
    await reader.close();

    // A reconnecting browser continues after the last id it saw.
    const resumed = new SseReader(
      await fetch(
        `${bed.baseUrl}/api/v1/channels/widget/conversations/${started.conversationId}/events?token=${started.token}`,
        { headers: { ...visitor(), 'last-event-id': '3' } },
      ),
    );
    expect((await resumed.next()).id).toBe('4');
    await resumed.close();
  });

  it('reopens a resolved ticket on a new message; after it is closed a message opens a new ticket', async () => {
    const started = (await (await start({ mode: 'chat', message: '耳机没声音' })).json()) as Started;
    const ticket = await bed.harness.store.tickets.getByNumber(started.ticketNumber as string);
    const id = ticket?.id as string;
    const say = (message: string) =>
      fetch(`${bed.baseUrl}/api/v1/channels/widget/conversations/${started.conversationId}/messages`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${started.token}`,
          ...visitor(),
        },
        body: JSON.stringify({ message }),
      });
    await bed.caller.tickets.resolve({ id, solution: '已重置蓝牙' });
    expect(await (await say('还是没声音')).json()).toEqual({ ticketNumber: started.ticketNumber });
    expect((await bed.harness.store.tickets.get(id))?.status).toBe('in_progress');

    await bed.caller.tickets.changeStatus({ id, status: 'closed' });
    const answer = (await (await say('又坏了')).json()) as { ticketNumber: string };
    expect(answer.ticketNumber).toMatch(/^CS/);
    expect(answer.ticketNumber).not.toBe(started.ticketNumber);
    expect((await bed.harness.store.tickets.get(id))?.status).toBe('closed');
    const messages = await bed.harness.store.conversations.listMessages(started.conversationId, 0);
    expect(messages.at(-1)?.body).toContain(answer.ticketNumber);
  });

  it('keeps customer text literal: {{ }}, {% %} and <script> are data, not templates or markup', async () => {
    const text = '{{ ticket.number }} {% if x %}<script>alert(1)</script>';
    const started = (await (await start({ mode: 'chat', message: text })).json()) as Started;
    expect(started.messages[0]?.body).toBe(text);
    expect(started.messages[1]?.body).toBe(`已收到：${text}，工单号 ${started.ticketNumber}`);
    const reader = new SseReader(await events(started, 1));
    const reply = await reader.next();
    expect(reply.id).toBe('2');
    expect((JSON.parse(reply.data) as { body: string }).body).toBe(
      `已收到：${text}，工单号 ${started.ticketNumber}`,
    );
    await reader.close();
  });

  it('keeps two event streams per conversation: a third one closes the oldest', async () => {
    const started = (await (await start({ mode: 'chat', message: '三个标签页' })).json()) as Started;
    const readers: SseReader[] = [];
    for (let i = 0; i < 3; i++) {
      const reader = new SseReader(await events(started));
      expect((await reader.next()).id).toBe('1');
      readers.push(reader);
    }
    const [oldest, second, third] = readers as [SseReader, SseReader, SseReader];
    await expect(oldest.next((event) => event.id === '99')).rejects.toThrow('the event stream ended');
    const ticket = await bed.harness.store.tickets.getByNumber(started.ticketNumber as string);
    await bed.caller.tickets.reply({ id: ticket?.id as string, body: '两个窗口都能收到' });
    for (const reader of [second, third]) {
      const reply = await reader.next((event) => event.data.includes('两个窗口都能收到'));
      expect(reply.id).toBe('3');
      await reader.close();
    }
  });

  it('refuses a 21st event stream from one address with 429', async () => {
    const conversations: Started[] = [];
    for (let i = 0; i < 11; i++) {
      conversations.push((await (await start({ mode: 'chat', message: `标签页 ${i}` })).json()) as Started);
    }
    const address = visitor();
    const open = (started: Started) =>
      fetch(
        `${bed.baseUrl}/api/v1/channels/widget/conversations/${started.conversationId}/events?token=${started.token}`,
        { headers: address },
      );
    const readers: SseReader[] = [];
    for (const started of conversations.slice(0, 10)) {
      for (let i = 0; i < 2; i++) {
        const response = await open(started);
        expect(response.status).toBe(200);
        readers.push(new SseReader(response));
      }
    }
    const refused = await open(conversations[10] as Started);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('widget_rate_limited');
    // Reconnecting a conversation it already follows replaces its own oldest stream there, so it is allowed.
    const reconnect = await open(conversations[0] as Started);
    expect(reconnect.status).toBe(200);
    readers.push(new SseReader(reconnect));
    await Promise.all(readers.map((reader) => reader.close().catch(() => undefined)));
  });

  it('refuses a wrong token with 401 and an unknown conversation with 404', async () => {
    const started = (await (await start({ mode: 'chat', message: 'hello' })).json()) as Started;
    expect((await events(started, 0, 'not-the-token')).status).toBe(401);
    expect((await events(started, 0, '')).status).toBe(401);
    expect((await events({ ...started, conversationId: 'wc_nope' })).status).toBe(404);
    const sent = await fetch(
      `${bed.baseUrl}/api/v1/channels/widget/conversations/${started.conversationId}/messages`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer wrong', ...visitor() },
        body: JSON.stringify({ message: 'x' }),
      },
    );
    expect(sent.status).toBe(401);
    expect(((await sent.json()) as { error: { code: string } }).error.code).toBe('widget_token_invalid');
  });
});

describe('who may call', () => {
  it('answers preflights and refuses an origin that is not listed', async () => {
    await changeWidget({ allowedOrigins: [WIDGET_TEST_ORIGIN, 'https://m.shop.example.cn'] });
    try {
      const preflight = await fetch(`${bed.baseUrl}/api/v1/channels/widget/conversations`, {
        method: 'OPTIONS',
        headers: visitor({ 'access-control-request-method': 'POST' }),
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization');
      const before = await bed.harness.store.tickets.list();
      const refused = await start(
        { mode: 'form', message: 'hi' },
        visitor({ origin: 'https://evil.example' }),
      );
      expect(refused.status).toBe(403);
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
      const badPreflight = await fetch(`${bed.baseUrl}/api/v1/channels/widget/config`, {
        method: 'OPTIONS',
        headers: visitor({ origin: 'https://evil.example', 'access-control-request-method': 'GET' }),
      });
      expect(badPreflight.headers.get('access-control-allow-origin')).toBeNull();
      expect(await bed.harness.store.tickets.list()).toHaveLength(before.length);
      expect((await start({ mode: 'form', message: 'hi' })).status).toBe(201);
      const second = await start(
        { mode: 'form', message: 'hi' },
        visitor({ origin: 'https://m.shop.example.cn' }),
      );
      expect(second.status).toBe(201);
      expect(second.headers.get('access-control-allow-origin')).toBe('https://m.shop.example.cn');
    } finally {
      await changeWidget({ allowedOrigins: [WIDGET_TEST_ORIGIN] });
    }
  });

  it('answers 404 everywhere while the widget channel is off, and stores nothing', async () => {
    await changeWidget(undefined, false);
    try {
      const before = await bed.harness.store.tickets.list();
      const config = await fetch(`${bed.baseUrl}/api/v1/channels/widget/config`, { headers: visitor() });
      expect(config.status).toBe(404);
      expect(((await config.json()) as { error: { code: string } }).error.code).toBe('widget_disabled');
      expect((await start({ mode: 'chat', message: 'hi' })).status).toBe(404);
      expect(await bed.harness.store.tickets.list()).toHaveLength(before.length);
    } finally {
      await changeWidget(undefined, true);
    }
  });

  it('checks the channel at most once per few seconds however many preflights and config calls come', async () => {
    bed.harness.clock.advance(WIDGET_CHANNEL_CACHE_MS);
    const reads = vi.spyOn(bed.harness.store.channelSettings, 'get');
    try {
      const address = visitor({ 'access-control-request-method': 'POST' });
      for (let i = 0; i < 20; i++) {
        await fetch(`${bed.baseUrl}/api/v1/channels/widget/config`, { headers: address });
        await fetch(`${bed.baseUrl}/api/v1/channels/widget/conversations`, {
          method: 'OPTIONS',
          headers: address,
        });
      }
      expect(reads.mock.calls.filter(([, channel]) => channel === 'widget')).toHaveLength(1);
    } finally {
      reads.mockRestore();
    }
  });

  it('serves the public config', async () => {
    await changeWidget({ categories: ['退换货', '发票'], defaultMode: 'form' });
    const response = await fetch(`${bed.baseUrl}/api/v1/channels/widget/config`, { headers: visitor() });
    expect(await response.json()).toEqual({
      mode: 'form',
      categories: ['退换货', '发票'],
      greeting: { 'zh-CN': expect.any(String), en: expect.any(String) },
    });
    const unknown = await start({ mode: 'form', message: 'hi', category: '别的' });
    expect(unknown.status).toBe(400);
    await changeWidget({ categories: [] });
  });

  it('limits how many conversations one address may start per minute', async () => {
    const headers = visitor();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await start({ mode: 'form', message: `n${i}` }, headers)).status);
    expect(statuses.slice(0, 10).every((status) => status === 201)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('documents every widget endpoint in the OpenAPI document', async () => {
    const document = (await (await fetch(`${bed.baseUrl}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: object }> }>>;
    };
    expect(Object.keys(document.paths['/widget.js']?.get?.responses['200']?.content ?? {})).toEqual([
      'application/javascript',
    ]);
    const stream = document.paths['/api/v1/channels/widget/conversations/{id}/events']?.get;
    expect(Object.keys(stream?.responses['200']?.content ?? {})).toEqual(['text/event-stream']);
    expect(document.paths['/api/v1/channels/widget/conversations']?.post).toBeDefined();
    expect(document.paths['/api/v1/channels/widget/config']?.get).toBeDefined();
  });
});
