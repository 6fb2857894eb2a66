import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ActivityContext, TypedActivityCommand } from '@flowdesk/desk';
import type { ActivityCommand, ActivityResult } from '@flowdesk/engine';
import type { NodeConfig } from '@flowdesk/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { httpRequestActivity, readLimitedText } from './http-request.activity.ts';

/** What a test sets; the rest are the catalog's defaults. */
type TestConfig = Partial<NodeConfig<'action.http_request'>> & { url: string };

const ctx: ActivityContext = {
  executionId: 'e1',
  idempotencyKey: 'e1:lookup:1',
  now: new Date('2026-11-22T08:00:00Z'),
  dryRun: false,
};

function command(config: TestConfig, orderNo: string): TypedActivityCommand<'action.http_request'> {
  return {
    kind: 'activity',
    seq: 1,
    nodeId: 'lookup',
    nodeType: 'action.http_request',
    visit: 1,
    config: { method: 'GET', headers: [], timeoutMs: 5000, responseMapping: [], ...config },
    input: { request: { customFields: { orderNo } } } as unknown as ActivityCommand['input'],
  };
}

describe('httpRequestActivity', () => {
  let server: Server;
  let base = '';
  let handle: (request: IncomingMessage, response: ServerResponse) => void;
  const received: { url: string; body: string }[] = [];

  beforeEach(async () => {
    received.length = 0;
    handle = (_request, response) =>
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"shipped"}');
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ url: request.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
        handle(request, response);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const local = httpRequestActivity({ allowPrivateNetworks: true });
  const run = (activity: typeof local, config: TestConfig, orderNo: string) =>
    activity.run(command(config, orderNo), ctx as never) as Promise<ActivityResult>;

  it('keeps a path-traversal order number inside its path segment', async () => {
    const url = `${base}/api/v1/orders/{{ request.customFields.orderNo }}/cancel`;
    await run(local, { url }, '../../api/v1/admin?x=');
    expect(received[0]?.url).toBe('/api/v1/orders/..%2F..%2Fapi%2Fv1%2Fadmin%3Fx%3D/cancel');
  });

  it('encodes ?, #, /, %, spaces and Chinese, and leaves a normal order number as it is', async () => {
    const url = `${base}/orders/{{ request.customFields.orderNo }}`;
    await run(local, { url }, 'a?b#c/d%e f订单');
    const normal = await run(local, { url, responseMapping: [{ variable: 's', path: 'status' }] }, 'A-1001');
    expect(received.map((request) => request.url)).toEqual([
      '/orders/a%3Fb%23c%2Fd%25e%20f%E8%AE%A2%E5%8D%95',
      '/orders/A-1001',
    ]);
    expect(normal).toMatchObject({ ok: true, output: { variables: { s: 'shipped' } } });
  });

  it('keeps a JSON body injection attempt inside its string', async () => {
    const attack = 'A1","reason":"fraud","refund":true,"x":"';
    await run(
      local,
      {
        method: 'POST',
        url: `${base}/cancel`,
        body: '{"orderNo":"{{ request.customFields.orderNo }}","reason":"customer_request"}',
      },
      attack,
    );
    expect(JSON.parse(received[0]?.body ?? '')).toEqual({ orderNo: attack, reason: 'customer_request' });
  });

  it('refuses loopback in any spelling, and a name resolving to it, when private networks are closed', async () => {
    const guarded = httpRequestActivity({
      allowPrivateNetworks: false,
      resolve: async () => [{ address: '127.0.0.1', family: 4 }],
    });
    const port = new URL(base).port;
    for (const host of ['[::ffff:127.0.0.1]', '[::ffff:a9fe:a9fe]', '2130706433', 'orders.example']) {
      const result = await run(guarded, { url: `http://${host}:${port}/x` }, 'A-1');
      expect(result).toMatchObject({ ok: false, error: { code: 'runtime.http_failed', retryable: false } });
    }
    expect(received).toHaveLength(0);
  });

  it('answers the demo prefix in this process, without the network, and trusts nothing else', async () => {
    const demo = httpRequestActivity({ allowPrivateNetworks: false, demoPrefix: `${base}/demo/` });
    expect(
      await run(demo, { url: `${base}/demo/orders/{{ request.customFields.orderNo }}` }, 'DD1001'),
    ).toMatchObject({ ok: true, output: { http: { status: 200, body: { demo: true } } } });
    expect(await run(demo, { url: `${base}/demo/../api/admin` }, 'A-1')).toMatchObject({ ok: false });
    expect(await run(demo, { url: `${base}/api/admin` }, 'A-1')).toMatchObject({ ok: false });
    // Whatever listens at the public URL is never reached.
    expect(received).toEqual([]);
  });

  it('refuses a header value with a line break instead of sending it', async () => {
    const headers = [{ name: 'x-order', value: '{{ request.customFields.orderNo }}' }];
    const result = await run(local, { url: `${base}/x`, headers }, 'A1\r\nx-admin: 1');
    expect(result).toMatchObject({ ok: false, error: { retryable: false } });
    expect(received).toHaveLength(0);
  });

  it('stops reading an endless answer at the 1 MB cap', async () => {
    handle = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      // Keeps writing until the client goes away: only a reader that stops early can finish.
      const pump = () => {
        while (!response.destroyed && response.write(chunk));
        if (!response.destroyed) response.once('drain', pump);
      };
      pump();
    };
    const result = await run(local, { url: `${base}/big` }, 'A-1');
    expect(result).toMatchObject({ ok: false, error: { retryable: false } });
    expect(JSON.stringify(result)).toContain('larger than 1000000 bytes');
  });
});

describe('readLimitedText', () => {
  it('reads an answer up to the limit and refuses one over it', async () => {
    expect(await readLimitedText(new Response('订单已发货'), 15)).toBe('订单已发货');
    expect(await readLimitedText(new Response('订单已发货!'), 15)).toBeUndefined();
    const declared = new Response('x', { headers: { 'content-length': '2000000' } });
    expect(await readLimitedText(declared, 1_000_000)).toBeUndefined();
  });
});
