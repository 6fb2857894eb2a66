import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postWebhook, signWebhook } from './webhook.ts';

describe('postWebhook', () => {
  let server: Server;
  let url: string;
  let status = 200;
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];

  beforeEach(async () => {
    received.length = 0;
    status = 200;
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('signs id.timestamp.body so the receiver can verify it with the shared secret', async () => {
    const now = new Date('2026-11-22T08:00:00Z');
    await postWebhook(url, '{"a":1}', 'e:n:1', {
      secret: 'whsec-test',
      now: () => now,
      allowPrivateNetworks: true,
    });
    const { headers, body } = received[0] ?? { headers: {}, body: '' };
    const timestamp = headers['webhook-timestamp'];
    expect(timestamp).toBe(String(now.getTime() / 1000));
    const expected = createHmac('sha256', 'whsec-test').update(`e:n:1.${timestamp}.${body}`).digest('base64');
    expect(headers['webhook-signature']).toBe(`v1,${expected}`);
    expect(signWebhook('whsec-test', 'e:n:1', Number(timestamp), body)).toBe(`v1,${expected}`);
    expect(headers['webhook-id']).toBe('e:n:1');
  });

  it('throws on a non-2xx answer so the outbox retries', async () => {
    status = 500;
    await expect(postWebhook(url, '{}', 'k', { allowPrivateNetworks: true })).rejects.toThrow('HTTP 500');
    expect(received[0]?.headers['webhook-signature']).toBeUndefined();
  });

  it('refuses a receiver on this machine or the private network unless the deployment allows it', async () => {
    const port = new URL(url).port;
    for (const target of [url, `http://[::ffff:7f00:1]:${port}/hook`, `http://localhost:${port}/hook`]) {
      await expect(postWebhook(target, '{}', 'k')).rejects.toThrow('is a private address');
    }
    // A name that passed a check once but answers with loopback when the socket connects.
    const rebound = postWebhook(`http://hooks.example:${port}/hook`, '{}', 'k', {
      resolve: async () => [{ address: '127.0.0.1', family: 4 }],
    });
    await expect(rebound).rejects.toThrow('hooks.example is a private address');
    expect(received).toHaveLength(0);
  });
});
