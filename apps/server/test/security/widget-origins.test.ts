import { afterEach, describe, expect, it } from 'vitest';
import { WIDGET_CHANNEL_CACHE_MS } from '../../src/channels/widget/widget-cors.ts';
import { ManualClock } from '../../src/runtime/runtime-test-kit.ts';
import { tempDatabase } from '../process-kit.ts';
import { type InProcessServer, startInProcessServer } from './in-process-server.ts';

/**
 * Finding 5 (widget part): while the widget channel's allowedOrigins was empty
 * (the default) its API reflected any Origin, so any site could run our
 * unauthenticated intake from its visitors' browsers. Now the widget stays off
 * until an admin names a site, and says so in both languages.
 */

const SHOP = 'https://shop.example.cn';
const EVIL = 'https://evil.example';

interface ErrorAnswer {
  error: { code: string; message: string; messages: { 'zh-CN': string; en: string } };
}

describe('the chat widget before any allowed origin is set (finding 5)', () => {
  let server: InProcessServer | undefined;
  let visitor = 0;

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const base = () => server?.running.url ?? '';

  function config(headers: Record<string, string>) {
    return fetch(`${base()}/api/v1/channels/widget/config`, { headers });
  }

  function start(headers: Record<string, string>) {
    return fetch(`${base()}/api/v1/channels/widget/conversations`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': `203.0.113.${++visitor}`,
        ...headers,
      },
      body: JSON.stringify({ mode: 'form', message: '鞋子尺码不对', locale: 'zh-CN' }),
    });
  }

  it('refuses every widget call with a translated 403 and no CORS header, and stores nothing', async () => {
    server = await startInProcessServer({ FLOWDESK_DB: tempDatabase() });

    const zh = await config({ origin: EVIL, 'accept-language': 'zh-CN' });
    expect(zh.status).toBe(403);
    expect(zh.headers.get('access-control-allow-origin')).toBeNull();
    const zhBody = (await zh.json()) as ErrorAnswer;
    expect(zhBody.error.code).toBe('widget_no_allowed_origins');
    expect(zhBody.error.message).toContain('至少添加一个允许嵌入的网站地址');
    const en = (await (await config({ origin: SHOP, 'accept-language': 'en' })).json()) as ErrorAnswer;
    expect(en.error.message).toContain('add at least one website address');

    const preflight = await fetch(`${base()}/api/v1/channels/widget/conversations`, {
      method: 'OPTIONS',
      headers: { origin: EVIL, 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();

    const callers: Record<string, string>[] = [{ origin: EVIL }, { origin: SHOP }, {}];
    for (const headers of callers) {
      const refused = await start(headers);
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as ErrorAnswer).error.code).toBe('widget_no_allowed_origins');
    }
    expect(await server.running.store.tickets.list()).toEqual([]);
  });

  it('works once an admin allows a site, for that site only', async () => {
    const clock = new ManualClock(new Date());
    server = await startInProcessServer({ FLOWDESK_DB: tempDatabase() }, {}, clock);
    expect((await config({ origin: SHOP })).status).toBe(403);

    await server.adminCaller().channels.update({ channel: 'widget', settings: { allowedOrigins: [SHOP] } });
    // The app re-reads the widget channel at most every WIDGET_CHANNEL_CACHE_MS.
    clock.advance(WIDGET_CHANNEL_CACHE_MS);
    const allowed = await config({ origin: SHOP });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(SHOP);
    const other = await config({ origin: EVIL });
    expect(other.status).toBe(403);
    expect(((await other.json()) as ErrorAnswer).error.code).toBe('widget_origin_refused');
    expect((await start({ origin: SHOP })).status).toBe(201);
  });

  it('in the demo workspace, runs on the local test page the README names', async () => {
    server = await startInProcessServer({ FLOWDESK_DB: tempDatabase() }, { demo: true });
    const local = await config({ origin: 'http://localhost:8080' });
    expect(local.status).toBe(200);
    expect(local.headers.get('access-control-allow-origin')).toBe('http://localhost:8080');
    expect((await config({ origin: EVIL })).status).toBe(403);
  });
});
