import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { User } from '@flowdesk/store';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../app-deps.ts';
import { createServices } from '../../boot/app-services.ts';
import { loadServerConfig } from '../../config/server-config.ts';
import { createApp } from '../../http/create-app.ts';
import { CustomerLinks } from '../../links/customer-links.ts';
import { ChannelOutbox } from '../../runtime/outbox/channel-outbox.ts';
import { connectChannels } from '../../runtime/outbox/outbox-channels.ts';
import {
  createRuntimeHarness,
  HttpSink,
  type RuntimeHarness,
  sequentialIds,
  ticketAndReplyFlow,
} from '../../runtime/runtime-test-kit.ts';
import { createCaller } from '../../trpc/_app.ts';
import { createInnerContext } from '../../trpc/context.ts';
import { updateChannel } from '../channel-settings.ts';
import { createWechatSender, type WechatSender } from './wechat-sender.ts';
import { wechatSignature } from './wechat-signature.ts';

/**
 * The official-account webhook over real HTTP on loopback, with the real
 * runtime and a published flow (request → ticket → reply with its number), and
 * a loopback server playing the WeChat API for the replies that come later.
 */

const TOKEN = 'tok3n';
const OPENID = 'oCustomer_0001';
const ACCOUNT = 'gh_flowdesk';
const TOKEN_PATH = '/cgi-bin/token?grant_type=client_credential&appid=wx123&secret=s3cret';
const SEND_PATH = '/cgi-bin/message/custom/send?access_token=ACCESS-1';

const wechatApi = new HttpSink();
let harness: RuntimeHarness;
let services: AppServices;
let server: Server;
let base = '';
let agentUser: User;

beforeAll(async () => {
  const apiBase = await wechatApi.start();
  wechatApi.responses.set(TOKEN_PATH, { status: 200, body: { access_token: 'ACCESS-1', expires_in: 7200 } });
  wechatApi.responses.set(SEND_PATH, { status: 200, body: { errcode: 0, errmsg: 'ok' } });
  let sender: WechatSender | undefined;
  harness = await createRuntimeHarness({
    outbox: connectChannels(new ChannelOutbox(), {
      wechat: (message, key) => (sender as WechatSender)(message, key),
    }),
  });
  const { store } = harness;
  // Loopback stands in for api.weixin.qq.com, so private addresses are allowed here only.
  sender = createWechatSender({ store, allowPrivateNetworks: true });
  services = createServices({
    store,
    config: loadServerConfig({}),
    clock: harness.clock,
    ids: sequentialIds('http'),
    runtime: harness.runtime,
    links: new CustomerLinks(store, undefined),
  });
  const app = createApp(services);
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await updateChannel(
    store,
    {
      channel: 'wechat',
      enabled: true,
      settings: {
        token: TOKEN,
        appId: 'wx123',
        appSecret: 's3cret',
        apiBaseUrl: apiBase,
        welcomeText: '欢迎关注！',
      },
    },
    harness.clock.now(),
  );
  await harness.publish(
    'wechat-intake',
    ticketAndReplyFlow({
      channels: ['wechat'],
      reply: {
        'zh-CN': '已收到：{{ request.message }}。工单号 {{ ticket.number }}',
        en: 'Got it: {{ request.message }}. Ticket {{ ticket.number }}',
      },
    }),
  );
  agentUser = await store.users.create({
    id: 'user-agent',
    email: 'agent@example.com',
    name: 'Agent Li',
    role: 'agent',
    passwordHash: 'not-a-password-hash',
    locale: 'zh-CN',
    createdAt: harness.clock.now().toISOString(),
  });
  await store.agents.create({
    id: 'agent-li',
    workspaceId: 'default',
    userId: agentUser.id,
    name: '李娜',
    teams: [],
    skills: [],
    capacity: 5,
    online: true,
    activeCount: 0,
    lastAssignedAt: null,
  });
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await wechatApi.stop();
  await harness.close();
});

let nonces = 0;

/** Signed as the platform signs: our clock's time and a nonce never used before. */
function signedUrl(extra: Record<string, string> = {}, token = TOKEN): string {
  const timestamp = String(Math.floor(harness.clock.now().getTime() / 1000));
  const nonce = `n0nce${++nonces}`;
  const query = new URLSearchParams({
    signature: wechatSignature(token, timestamp, nonce),
    timestamp,
    nonce,
    ...extra,
  });
  return `${base}/api/v1/channels/wechat?${query}`;
}

function textXml(content: string, msgId: string, from = OPENID): string {
  return (
    `<xml><ToUserName><![CDATA[${ACCOUNT}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName>` +
    `<CreateTime>1795000000</CreateTime><MsgType><![CDATA[text]]></MsgType>` +
    `<Content><![CDATA[${content.replaceAll(']]>', ']]]]><![CDATA[>')}]]></Content><MsgId>${msgId}</MsgId></xml>`
  );
}

function post(body: string, url = signedUrl(), headers: Record<string, string> = {}) {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'text/xml', ...headers }, body });
}

function parseReply(xml: string): Record<string, string> {
  expect(XMLValidator.validate(xml)).toBe(true);
  return new XMLParser({ processEntities: false, parseTagValue: false }).parse(xml).xml;
}

async function ticketCount(): Promise<number> {
  return (await harness.store.tickets.list()).length;
}

describe('GET: the platform verifies the URL', () => {
  it('echoes echostr for a correct signature and refuses a wrong or missing one', async () => {
    const ok = await fetch(signedUrl({ echostr: '7364512098' }));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('7364512098');
    expect((await fetch(signedUrl({ echostr: '1' }, 'wrongtoken'))).status).toBe(401);
    expect((await fetch(`${base}/api/v1/channels/wechat?echostr=1`)).status).toBe(401);
  });
});

describe('POST: a follower writes', () => {
  const customerText = '我要退货 {{ 7*7 }} {% if x %} <b>粗</b> ]]> 完';
  let ticketNumber = '';
  let firstAnswer = '';

  it('opens a ticket and answers with a passive XML reply carrying the ticket number', async () => {
    const response = await post(textXml(customerText, '24000000000000000001'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/xml');
    firstAnswer = await response.text();
    const reply = parseReply(firstAnswer);
    expect(reply).toMatchObject({ ToUserName: OPENID, FromUserName: ACCOUNT, MsgType: 'text' });
    ticketNumber = /工单号 (CS\d+)/.exec(reply.Content ?? '')?.[1] ?? '';
    expect(ticketNumber).toMatch(/^CS\d+$/);
    // The customer's braces and markup come back exactly as written, never evaluated.
    expect(reply.Content).toBe(`已收到：${customerText}。工单号 ${ticketNumber}`);

    const ticket = await harness.store.tickets.getByNumber(ticketNumber);
    expect(ticket).toMatchObject({ channel: 'wechat', description: customerText });
    const conversation = await harness.store.conversations.findByCustomer('default', 'wechat', OPENID);
    expect(conversation?.ticketId).toBe(ticket?.id);
    const messages = await harness.store.conversations.listMessages(conversation?.id ?? '', 0);
    expect(messages.map((message) => [message.direction, message.externalId])).toEqual([
      ['in', `${OPENID}:24000000000000000001`],
      ['out', null],
    ]);
  });

  it('acknowledges a retried MsgId with the same reply and no second request', async () => {
    const before = await ticketCount();
    const repeat = await post(textXml(customerText, '24000000000000000001'));
    expect(repeat.status).toBe(200);
    expect(await repeat.text()).toBe(firstAnswer);
    expect(await ticketCount()).toBe(before);
    expect((await harness.store.executions.list({})).items).toHaveLength(1);
  });

  it('adds a later message to the open ticket instead of opening another', async () => {
    const before = await ticketCount();
    const response = await post(textXml('还有，发票也要重开', '24000000000000000002'));
    expect(await response.text()).toBe('success');
    expect(await ticketCount()).toBe(before);
    const ticket = await harness.store.tickets.getByNumber(ticketNumber);
    const history = await harness.store.ticketHistory.list(ticket?.id ?? '');
    expect(history.filter((entry) => entry.field === 'customer_message').map((entry) => entry.to)).toEqual([
      '还有，发票也要重开',
    ]);
  });

  it('sends an agent’s later reply through the customer-service message API', async () => {
    const ticket = await harness.store.tickets.getByNumber(ticketNumber);
    const caller = createCaller(createInnerContext({ services, user: agentUser }));
    const replied = await caller.tickets.reply({
      id: ticket?.id ?? '',
      body: '已为您安排退货 {{ 不会被解析 }}',
    });
    expect(replied).toMatchObject({ queued: true, channel: 'wechat' });
    await harness.drain();
    expect(wechatApi.received.map((hook) => hook.path)).toEqual([TOKEN_PATH, SEND_PATH]);
    expect(JSON.parse(wechatApi.received[1]?.body ?? '{}')).toEqual({
      touser: OPENID,
      msgtype: 'text',
      text: { content: '已为您安排退货 {{ 不会被解析 }}' },
    });
  });

  it('answers other message types with "success" and stores nothing', async () => {
    const before = await ticketCount();
    const image =
      `<xml><ToUserName>${ACCOUNT}</ToUserName><FromUserName>oSomeoneElse</FromUserName><CreateTime>1</CreateTime>` +
      '<MsgType>image</MsgType><PicUrl>https://example.com/a.jpg</PicUrl><MsgId>24000000000000000099</MsgId></xml>';
    expect(await (await post(image)).text()).toBe('success');
    expect(await ticketCount()).toBe(before);
    expect(await harness.store.conversations.findByCustomer('default', 'wechat', 'oSomeoneElse')).toBeNull();
  });

  it('welcomes a new follower with the configured text', async () => {
    const subscribe =
      `<xml><ToUserName>${ACCOUNT}</ToUserName><FromUserName>oNewFan</FromUserName><CreateTime>1</CreateTime>` +
      '<MsgType>event</MsgType><Event>subscribe</Event></xml>';
    const reply = parseReply(await (await post(subscribe)).text());
    expect(reply).toMatchObject({ ToUserName: 'oNewFan', FromUserName: ACCOUNT, Content: '欢迎关注！' });
  });
});

describe('POST: bad input stores nothing', () => {
  it('refuses a bad signature with 401', async () => {
    const before = await ticketCount();
    const response = await post(textXml('伪造的消息', '24000000000000000010'), signedUrl({}, 'forged'));
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'wechat_signature_invalid',
    );
    expect(await ticketCount()).toBe(before);
    expect(
      await harness.store.conversations.findMessageByExternalId(
        'default',
        'wechat',
        `${OPENID}:24000000000000000010`,
      ),
    ).toBeNull();
  });

  it('refuses XML with a DOCTYPE or entities with 400, in the caller’s language', async () => {
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]>' +
      textXml('&x;', '24000000000000000011');
    const response = await post(xxe, signedUrl(), { 'accept-language': 'zh-CN' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error).toMatchObject({
      code: 'wechat_xml_forbidden',
      message: '不接受含 DOCTYPE 或实体声明的 XML',
    });
  });

  it('keeps prototypes clean when element names try to pollute them', async () => {
    const before = await ticketCount();
    const polluting =
      `<xml><ToUserName>${ACCOUNT}</ToUserName><FromUserName>${OPENID}</FromUserName><MsgType>text</MsgType>` +
      '<__proto__><isAdmin>true</isAdmin></__proto__><constructor><prototype><isAdmin>true</isAdmin></prototype>' +
      '</constructor><Content>hi</Content><MsgId>24000000000000000012</MsgId></xml>';
    expect((await post(polluting)).status).toBe(400);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(await ticketCount()).toBe(before);
  });

  it('refuses a body over 64 KB with 413', async () => {
    const response = await post(textXml('长'.repeat(30_000), '24000000000000000013'));
    expect(response.status).toBe(413);
  });

  it('answers 404 while the channel is switched off', async () => {
    await updateChannel(harness.store, { channel: 'wechat', enabled: false }, harness.clock.now());
    try {
      const before = await ticketCount();
      expect((await fetch(signedUrl({ echostr: '1' }))).status).toBe(404);
      const response = await post(textXml('关掉了吗', '24000000000000000014'), signedUrl(), {
        'accept-language': 'en',
      });
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
        'The WeChat channel is switched off or its token is not set',
      );
      expect(await ticketCount()).toBe(before);
    } finally {
      await updateChannel(harness.store, { channel: 'wechat', enabled: true }, harness.clock.now());
    }
  });
});
