import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSmsGateway } from './sms-gateway.ts';

describe('createSmsGateway', () => {
  let server: Server;
  let url: string;
  let status = 200;
  const received: { auth: string | undefined; body: unknown }[] = [];

  beforeEach(async () => {
    received.length = 0;
    status = 200;
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({
          auth: request.headers.authorization,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
        });
        response.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('posts the text with the bearer token and the idempotency key', async () => {
    await createSmsGateway({ url, token: 'sms-secret' })({ to: '13812345678', text: '您的验证码' }, 'e:n:1');
    expect(received).toEqual([
      { auth: 'Bearer sms-secret', body: { to: '13812345678', text: '您的验证码', idempotencyKey: 'e:n:1' } },
    ]);
  });

  it('throws on a non-2xx answer so the message is retried', async () => {
    status = 503;
    await expect(createSmsGateway({ url })({ to: '1', text: 't' }, 'k')).rejects.toThrow('HTTP 503');
    expect(received[0]?.auth).toBeUndefined();
  });
});
