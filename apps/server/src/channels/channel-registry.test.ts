import { connect, createServer } from 'node:net';
import { openSqliteStore, type SqliteStore } from '@flowdesk/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChannelOutbox } from '../runtime/outbox/channel-outbox.ts';
import { connectChannels } from '../runtime/outbox/outbox-channels.ts';
import { HttpSink } from '../runtime/runtime-test-kit.ts';
import { createTestBed } from '../testing/server-test-kit.ts';
import { channelConnectors, startChannelListeners } from './channel-registry.ts';

/**
 * The connectors a process makes from the operator's options, through the
 * channel modules: what is configured is delivered, what is not stays queued.
 */
describe('channelConnectors', () => {
  let store: SqliteStore;
  let gateway: HttpSink;
  let base = '';
  beforeEach(async () => {
    store = await openSqliteStore({ path: ':memory:' });
    gateway = new HttpSink();
    base = await gateway.start();
  });
  afterEach(async () => {
    await gateway.stop();
    await store.close();
  });

  it('sends SMS through the configured gateway with the job’s key, and leaves email undelivered without SMTP', async () => {
    const connectors = channelConnectors({
      options: { allowPrivateNetworks: true, sms: { url: `${base}/sms`, token: 'gw-token' } },
      store,
    });
    const outbox = connectChannels(new ChannelOutbox(), connectors);
    await outbox.deliver({ channel: 'sms', to: '+8613800000000', body: '工单已受理' }, 'reply:k1');
    expect(gateway.received).toHaveLength(1);
    expect(gateway.received[0]?.path).toBe('/sms');
    expect(gateway.received[0]?.headers.authorization).toBe('Bearer gw-token');
    expect(JSON.parse(gateway.received[0]?.body ?? '{}')).toEqual({
      to: '+8613800000000',
      text: '工单已受理',
      idempotencyKey: 'reply:k1',
    });
    // Not configured: the delivery fails, so the job is retried rather than dropped.
    await expect(
      outbox.deliver({ channel: 'email', to: 'li@example.cn', body: 'hi' }, 'reply:k2'),
    ).rejects.toThrow(/no delivery configured for channel email/);
    connectors.close();
  });

  it('always has the WeChat sender (it reads its settings when it sends), and email only with SMTP', () => {
    const bare = channelConnectors({ options: { allowPrivateNetworks: false }, store });
    expect(typeof bare.wechat).toBe('function');
    expect(bare.email).toBeUndefined();
    expect(bare.sms).toBeUndefined();
    bare.close();
    const withSmtp = channelConnectors({
      options: {
        allowPrivateNetworks: false,
        smtp: { url: 'smtp://127.0.0.1:2525', from: 'support@flowdesk.local' },
      },
      store,
    });
    expect(typeof withSmtp.email?.send).toBe('function');
    // Closes the SMTP pool it opened; nothing was connected yet, so this must not throw.
    expect(() => withSmtp.close()).not.toThrow();
  });
});

/** A port nothing listens on right now, on loopback. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** The first line a server sends on connect, or the connection error's code. */
function greeting(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString('utf8').split('\r\n')[0] ?? '');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

describe('startChannelListeners', () => {
  it('takes mail over SMTP on the configured address until closed, and starts nothing without one', async () => {
    const bed = await createTestBed();
    try {
      const none = await startChannelListeners({ options: {}, services: bed.services });
      await none.close();
      const port = await freePort();
      const listeners = await startChannelListeners({
        options: { smtpListen: { host: '127.0.0.1', port } },
        services: bed.services,
      });
      expect(await greeting(port)).toMatch(/^220 /);
      await listeners.close();
      expect(await greeting(port)).toBe('ECONNREFUSED');
    } finally {
      await bed.close();
    }
  });
});
