import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../boot/app-services.ts';
import { createLogger } from '../logging/logger.ts';
import { apiKeyFor, createTestBed, type TestBed } from '../testing/server-test-kit.ts';
import { createApp } from './create-app.ts';
import { isWellFormedRequestId } from './request-id.ts';

interface LogLine {
  level: string;
  message: string;
  requestId?: string;
  req?: { id?: string; url?: string };
}

/** The real app with a pino logger writing into memory at debug, the most talkative level. */
describe('request ids and contacts in the log', () => {
  let bed: TestBed;
  let baseUrl: string;
  let apiKey: string;
  let close: () => Promise<void>;
  const written: string[] = [];
  const lines = (): LogLine[] =>
    written
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
  /**
   * pino-http writes its line once the answer has finished, which on a loaded
   * machine can take far longer than the request itself: wait up to 5 s.
   */
  const settled = async (count: number) => {
    const deadline = Date.now() + 5_000;
    while (lines().length < count && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return lines();
  };

  beforeAll(async () => {
    bed = await createTestBed();
    apiKey = await apiKeyFor(bed, 'admin');
    const services = createServices({
      store: bed.store,
      config: bed.services.config,
      clock: bed.clock,
      ids: bed.services.ids,
      runtime: bed.runtime,
      log: createLogger('debug', { write: (line: string) => void written.push(line) }),
      links: bed.services.links,
    });
    const server = createApp(services).listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = async () => {
      await services.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await bed.close();
    };
  });
  afterAll(() => close());

  const intake = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${baseUrl}/api/v1/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}`, ...headers },
      body: JSON.stringify(body),
    });

  it('keeps a well-formed X-Request-Id, replaces anything else, and logs the id the answer carries', async () => {
    written.length = 0;
    const kept = await fetch(`${baseUrl}/api/v1/tickets/CS1`, {
      headers: { 'x-request-id': 'lb-7f3a.42:x_y-z' },
    });
    expect(kept.headers.get('x-request-id')).toBe('lb-7f3a.42:x_y-z');
    const injected = await fetch(`${baseUrl}/api/v1/tickets/CS1`, {
      headers: { 'x-request-id': 'abc" level="fatal' },
    });
    const long = await fetch(`${baseUrl}/api/v1/tickets/CS1`, {
      headers: { 'x-request-id': 'a'.repeat(129) },
    });
    const none = await fetch(`${baseUrl}/api/v1/tickets/CS1`);
    const generated = [injected, long, none].map((response) => response.headers.get('x-request-id') ?? '');
    for (const id of generated)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(new Set(generated).size).toBe(3);
    const logged = (await settled(4)).map((line) => line.req?.id);
    expect(logged).toEqual(['lb-7f3a.42:x_y-z', ...generated]);
    // The refused header stays a quoted header value in JSON: it neither became the id nor changed the line.
    expect(lines().map((line) => line.level)).toEqual(['info', 'info', 'info', 'info']);
  });

  it('never writes a whole phone number or email from a request body, not even when the request fails', async () => {
    written.length = 0;
    const customer = { name: '王女士', phone: '13812345678', email: 'wang.li@example.cn' };
    const message = '请回电 13912345678 或写信到 li.si@shop.example.com';
    expect((await intake({ channel: 'api', customer, message })).status).toBe(202);
    expect((await intake({ channel: 'api', customer: { ...customer, age: 3 }, message })).status).toBe(400);
    bed.runtime.failNextIntake = new Error(`could not reach ${customer.email} or ${customer.phone}`);
    const failed = await intake({ channel: 'api', customer, message }, { 'x-request-id': 'support-case-17' });
    expect(failed.status).toBe(500);
    const all = await settled(4);
    const text = written.join('');
    for (const contact of ['13812345678', '13912345678', 'wang.li@example', 'li.si@shop']) {
      expect(text).not.toContain(contact);
    }
    // The error line names the request, so the 500's reference leads to it.
    const error = all.find((line) => line.message === 'request failed');
    expect(error).toMatchObject({ level: 'error', requestId: 'support-case-17' });
    expect(text).toContain('*******5678');
  });
});

describe('isWellFormedRequestId', () => {
  it('takes up to 128 letters, digits and ._:- starting with a letter or digit', () => {
    expect(isWellFormedRequestId('0af7651916cd43dd8448eb211c80319c')).toBe(true);
    expect(isWellFormedRequestId('a'.repeat(128))).toBe(true);
    expect(isWellFormedRequestId('a'.repeat(129))).toBe(false);
    for (const bad of ['', '-leading', 'has space', 'new\nline', 'quote"', '中文', undefined]) {
      expect(isWellFormedRequestId(bad)).toBe(false);
    }
  });
});
