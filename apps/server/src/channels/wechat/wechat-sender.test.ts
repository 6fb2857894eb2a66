import { openSqliteStore, type Store } from '@flowdesk/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpSink } from '../../runtime/runtime-test-kit.ts';
import { updateChannel } from '../channel-settings.ts';
import { createWechatSender } from './wechat-sender.ts';

/** The customer-service sender against a loopback server playing the WeChat API. */

const api = new HttpSink();
const TOKEN_PATH = '/cgi-bin/token?grant_type=client_credential&appid=wx9&secret=sec9';
const SEND_PATH = '/cgi-bin/message/custom/send?access_token=T1';
let store: Store;
let apiBase = '';

beforeAll(async () => {
  apiBase = await api.start();
  store = await openSqliteStore({ path: ':memory:' });
});
afterAll(async () => {
  await api.stop();
  await store.close();
});

const now = new Date('2026-11-22T01:00:00Z');

describe('WeChat customer-service sender', () => {
  it('keeps the message queued with a clear error until the app id and secret are set', async () => {
    const send = createWechatSender({ store, allowPrivateNetworks: true });
    await updateChannel(store, { channel: 'wechat', enabled: true, settings: { apiBaseUrl: apiBase } }, now);
    await expect(send({ to: 'o1', body: 'hi' }, 'k1')).rejects.toThrow(/appId and appSecret are not set/);
    expect(api.received).toHaveLength(0);
  });

  it('refuses loopback addresses unless private networks are allowed', async () => {
    await updateChannel(store, { channel: 'wechat', settings: { appId: 'wx9', appSecret: 'sec9' } }, now);
    const strict = createWechatSender({ store, allowPrivateNetworks: false });
    await expect(strict({ to: 'o1', body: 'hi' }, 'k1')).rejects.toThrow(/private address/);
    expect(api.received).toHaveLength(0);
  });

  it('reuses the access token until it expires and throws on a non-zero errcode', async () => {
    api.responses.set(TOKEN_PATH, { status: 200, body: { access_token: 'T1', expires_in: 7200 } });
    api.responses.set(SEND_PATH, { status: 200, body: { errcode: 0, errmsg: 'ok' } });
    let clock = now.getTime();
    const send = createWechatSender({ store, allowPrivateNetworks: true, now: () => clock });
    await send({ to: 'o1', body: '第一条' }, 'k1');
    await send({ to: 'o1', body: '第二条' }, 'k2');
    expect(api.received.map((hook) => hook.path)).toEqual([TOKEN_PATH, SEND_PATH, SEND_PATH]);

    clock += 7200 * 1000;
    api.responses.set(SEND_PATH, {
      status: 200,
      body: { errcode: 45015, errmsg: 'response out of time limit' },
    });
    await expect(send({ to: 'o1', body: '第三条' }, 'k3')).rejects.toThrow(/45015/);
    expect(api.received.map((hook) => hook.path).slice(3)).toEqual([TOKEN_PATH, SEND_PATH]);
  });
});
