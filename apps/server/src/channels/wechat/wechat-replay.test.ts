import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../boot/app-services.ts';
import { loadServerConfig } from '../../config/server-config.ts';
import { createApp } from '../../http/create-app.ts';
import { CustomerLinks } from '../../links/customer-links.ts';
import {
  createRuntimeHarness,
  type RuntimeHarness,
  sequentialIds,
  ticketAndReplyFlow,
} from '../../runtime/runtime-test-kit.ts';
import { updateChannel } from '../channel-settings.ts';
import { wechatSignature } from './wechat-signature.ts';

/**
 * What someone holding one leaked signed query string can do with it: the
 * signature does not cover the body, so the timestamp window, the one-use
 * nonce and the per-follower MsgId key are what stop a forged message.
 */

const TOKEN = 'tok3n';
const ACCOUNT = 'gh_flowdesk';
const VICTIM = 'oVictim_0001';
/** A follower with no open ticket yet, so their message gets the flow's reply. */
const NEW_FOLLOWER = 'oVictim_0003';
const FORGER = 'oForger_0002';

let harness: RuntimeHarness;
let server: Server;
let base = '';

beforeAll(async () => {
  harness = await createRuntimeHarness();
  const app = createApp(
    createServices({
      store: harness.store,
      config: loadServerConfig({}),
      clock: harness.clock,
      ids: sequentialIds('http'),
      runtime: harness.runtime,
      links: new CustomerLinks(harness.store, undefined),
    }),
  );
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await updateChannel(
    harness.store,
    { channel: 'wechat', enabled: true, settings: { token: TOKEN } },
    harness.clock.now(),
  );
  await harness.publish(
    'wechat-intake',
    ticketAndReplyFlow({
      channels: ['wechat'],
      reply: {
        'zh-CN': '已收到：{{ request.message }}',
        en: 'Got it: {{ request.message }}',
      },
    }),
  );
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await harness.close();
});

function nowSeconds(): number {
  return Math.floor(harness.clock.now().getTime() / 1000);
}

function signedUrl(timestamp: number, nonce: string): string {
  const stamp = String(timestamp);
  const query = new URLSearchParams({
    signature: wechatSignature(TOKEN, stamp, nonce),
    timestamp: stamp,
    nonce,
  });
  return `${base}/api/v1/channels/wechat?${query}`;
}

function textXml(content: string, msgId: string, from: string): string {
  return (
    `<xml><ToUserName>${ACCOUNT}</ToUserName><FromUserName>${from}</FromUserName>` +
    `<CreateTime>${nowSeconds()}</CreateTime><MsgType>text</MsgType>` +
    `<Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId></xml>`
  );
}

function post(url: string, body: string) {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
}

async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

async function ticketCount(): Promise<number> {
  return (await harness.store.tickets.list()).length;
}

describe('a leaked signed query string', () => {
  it('is refused once its timestamp is more than five minutes from our clock, storing nothing', async () => {
    const before = await ticketCount();
    for (const [offset, nonce] of [
      [-301, 'old-1'],
      [301, 'future-1'],
    ] as const) {
      const response = await post(signedUrl(nowSeconds() + offset, nonce), textXml('旧消息', '1001', FORGER));
      expect(response.status).toBe(401);
      expect(await errorCode(response)).toBe('wechat_timestamp_stale');
    }
    const echo = await fetch(`${signedUrl(nowSeconds() - 3600, 'old-2')}&echostr=42`);
    expect(echo.status).toBe(401);
    expect(await ticketCount()).toBe(before);
    expect(await harness.store.conversations.findByCustomer('default', 'wechat', FORGER)).toBeNull();
  });

  it('cannot carry a second, different body with the same nonce', async () => {
    const url = signedUrl(nowSeconds(), 'once-1');
    const first = textXml('真的消息', '2001', VICTIM);
    const original = await post(url, first);
    expect(original.status).toBe(200);
    const answer = await original.text();
    const before = await ticketCount();

    const forged = await post(url, textXml('伪造的消息', '2002', FORGER));
    expect(forged.status).toBe(401);
    expect(await errorCode(forged)).toBe('wechat_nonce_reused');
    expect(await ticketCount()).toBe(before);
    expect(await harness.store.conversations.findByCustomer('default', 'wechat', FORGER)).toBeNull();

    // The platform's own retry of the very same message is answered again, starting nothing.
    const retried = await post(url, first);
    expect(retried.status).toBe(200);
    expect(await retried.text()).toBe(answer);
    expect(await ticketCount()).toBe(before);
  });

  it('is still good while fresh, but another follower’s MsgId does not fetch their reply', async () => {
    const victim = await post(
      signedUrl(nowSeconds(), 'v-1'),
      textXml('我的地址是 北京路 1 号', '3001', NEW_FOLLOWER),
    );
    expect(await victim.text()).toContain('北京路');
    const before = await ticketCount();

    harness.clock.advance(60_000);
    const forged = await post(signedUrl(nowSeconds(), 'f-1'), textXml('你好', '3001', FORGER));
    expect(forged.status).toBe(200);
    const reply = await forged.text();
    expect(reply).not.toContain('北京路');
    expect(reply).toContain(`<ToUserName><![CDATA[${FORGER}]]></ToUserName>`);
    // Handled as the forger's own new message, not as a repeat of the victim's.
    expect(await ticketCount()).toBe(before + 1);
  });
});
