import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { guardedFetch } from './guarded-fetch.ts';
import { type AddressResolver, assertPublicAddress, OutboundRefusal } from './outbound-guard.ts';

describe('guardedFetch', () => {
  let server: Server;
  let port = 0;
  let handle: (request: IncomingMessage, response: ServerResponse) => void;
  const received: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];

  beforeEach(async () => {
    received.length = 0;
    handle = (_request, response) =>
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({
          method: request.method ?? '',
          url: request.url ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        handle(request, response);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('sends method, headers and body and returns a normal Response when private networks are allowed', async () => {
    const response = await guardedFetch(
      `http://127.0.0.1:${port}/orders/A%2F1?x=1`,
      { method: 'POST', headers: { 'content-type': 'application/json', 'x-key': 'k-1' }, body: '{"a":"é"}' },
      { allowPrivateNetworks: true },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ ok: true });
    expect(received[0]).toMatchObject({ method: 'POST', url: '/orders/A%2F1?x=1', body: '{"a":"é"}' });
    expect(received[0]?.headers['content-length']).toBe(String(Buffer.byteLength('{"a":"é"}')));
  });

  it('refuses the mapped and NAT64 forms of loopback without connecting', async () => {
    for (const host of [
      '[::ffff:127.0.0.1]',
      '[::ffff:7f00:1]',
      '[64:ff9b::7f00:1]',
      '0.0.0.0',
      '2130706433',
    ]) {
      await expect(
        guardedFetch(`http://${host}:${port}/`, {}, { allowPrivateNetworks: false }),
      ).rejects.toThrow(OutboundRefusal);
    }
    expect(received).toHaveLength(0);
  });

  it('refuses a host name that resolves to loopback', async () => {
    await expect(
      guardedFetch(`http://localhost:${port}/`, {}, { allowPrivateNetworks: false }),
    ).rejects.toThrow('localhost is a private address');
    expect(received).toHaveLength(0);
  });

  it('checks the address it connects to, so DNS rebinding after a check is refused', async () => {
    let calls = 0;
    // First answer public (what a check before the call sees), then loopback (what the connection would get).
    const rebinding: AddressResolver = async () => [
      { address: calls++ === 0 ? '93.184.216.34' : '127.0.0.1', family: 4 },
    ];
    const url = `http://orders.example:${port}/`;
    await expect(assertPublicAddress(url, false, rebinding)).resolves.toBeUndefined();
    await expect(guardedFetch(url, {}, { allowPrivateNetworks: false, resolve: rebinding })).rejects.toThrow(
      'orders.example is a private address',
    );
    expect(received).toHaveLength(0);
  });

  it('connects to the resolved address when the name is allowed', async () => {
    const loopback: AddressResolver = async () => [{ address: '127.0.0.1', family: 4 }];
    const response = await guardedFetch(
      `http://orders.example:${port}/x`,
      {},
      {
        allowPrivateNetworks: true,
        resolve: loopback,
      },
    );
    expect(response.status).toBe(200);
    expect(received[0]?.headers.host).toBe(`orders.example:${port}`);
  });

  it('refuses redirects so a public server cannot bounce the call inward', async () => {
    handle = (_request, response) => response.writeHead(302, { location: 'http://169.254.169.254/' }).end();
    await expect(
      guardedFetch(`http://127.0.0.1:${port}/`, {}, { allowPrivateNetworks: true }),
    ).rejects.toThrow('redirects are not followed (HTTP 302)');
  });

  it('returns error statuses and empty answers as responses', async () => {
    handle = (_request, response) => response.writeHead(204).end();
    expect((await guardedFetch(`http://127.0.0.1:${port}/`, {}, { allowPrivateNetworks: true })).status).toBe(
      204,
    );
    handle = (_request, response) => response.writeHead(503).end('down');
    const failed = await guardedFetch(`http://127.0.0.1:${port}/`, {}, { allowPrivateNetworks: true });
    expect([failed.status, failed.ok, await failed.text()]).toEqual([503, false, 'down']);
  });

  it('refuses schemes other than http and https', async () => {
    await expect(guardedFetch('ftp://example.com/', {}, { allowPrivateNetworks: true })).rejects.toThrow(
      'only http and https are allowed',
    );
  });
});
