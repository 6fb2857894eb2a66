import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../auth/secrets.ts';
import {
  apiKeyFor,
  createTestBed,
  type RunningServer,
  startServer,
  type TestBed,
} from '../testing/server-test-kit.ts';
import { canonicalJson, STALE_RESERVATION_MS } from './idempotency.ts';
import { IntakeRequestSchema } from './intake.schema.ts';

let bed: TestBed;
let server: RunningServer;
let agentKey: string;

beforeAll(async () => {
  bed = await createTestBed();
  server = await startServer(bed);
  agentKey = await apiKeyFor(bed, 'agent');
});
afterAll(async () => {
  await server.close();
  await bed.close();
});
beforeEach(() => {
  bed.runtime.intakeCalls.length = 0;
});

const validRequest = {
  channel: 'web_form',
  customer: { name: '王小明', email: 'xiaoming@example.com', locale: 'zh-CN' },
  subject: '退货',
  message: '我想退货',
  attachments: [{ name: 'receipt.jpg', contentType: 'image/jpeg', size: 1024 }],
  customFields: { orderNo: 'A-1001', amount: 99.5, vip: true },
  metadata: { sourcePage: 'https://shop.example.com/help' },
};

function post(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.baseUrl}/api/v1/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${agentKey}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('POST /api/v1/requests', () => {
  it('accepts a valid request with 202 and what the runtime produced', async () => {
    const response = await post(validRequest);
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({
      requestId: 'req-1',
      executionIds: ['exec-1'],
      produced: { ticketNumber: 'CS202611220001', replies: [{ channel: 'reply', text: 'ok' }] },
    });
    expect(bed.runtime.intakeCalls).toHaveLength(1);
    expect(bed.runtime.intakeCalls[0]?.context).toEqual({ apiKeyId: 'key-agent' });
    expect(bed.runtime.intakeCalls[0]?.request.customer.email).toBe('xiaoming@example.com');
  });

  it("ignores a conversation id from an API client: it could write into someone else's chat", async () => {
    const response = await post({
      ...validRequest,
      metadata: { conversationId: 'wc_someone_else', sourcePage: 'https://shop.example/help' },
    });
    expect(response.status).toBe(202);
    expect(bed.runtime.intakeCalls[0]?.request.metadata).toEqual({ sourcePage: 'https://shop.example/help' });
  });

  it('answers a wrong type with 400 and a JSON pointer, in the caller’s language', async () => {
    const body = { ...validRequest, customer: { email: 42 } };
    const english = await post(body);
    expect(english.status).toBe(400);
    const { error } = (await english.json()) as { error: Record<string, unknown> };
    expect(error).toMatchObject({ code: 'invalid_request', pointer: '/customer/email' });
    expect(error.message).toContain('/customer/email must be text');
    const chinese = await post(body, { 'accept-language': 'zh-TW,zh;q=0.9,en;q=0.5' });
    const zh = (await chinese.json()) as { error: { message: string; messages: { en: string } } };
    expect(zh.error.message).toContain('请求内容有误');
    expect(zh.error.messages.en).toBe(error.message);
    expect(bed.runtime.intakeCalls).toHaveLength(0);
  });

  it('refuses unknown fields, pointing at the field itself', async () => {
    const top = await post({ ...validRequest, priority: 'urgent' });
    expect(top.status).toBe(400);
    expect(((await top.json()) as { error: { pointer: string } }).error.pointer).toBe('/priority');
    const nested = await post({ ...validRequest, customer: { ...validRequest.customer, age: 30 } });
    expect(((await nested.json()) as { error: { pointer: string } }).error.pointer).toBe('/customer/age');
    const missing = await post({ channel: 'email' });
    expect(((await missing.json()) as { error: { pointer: string } }).error.pointer).toBe('/message');
    expect(bed.runtime.intakeCalls).toHaveLength(0);
  });

  it('answers malformed JSON with 400, a body over the limit with 413 and non-JSON with 415', async () => {
    const malformed = await post('{"channel": "email",');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe('malformed_json');

    const huge = await post({ ...validRequest, message: 'x'.repeat(300 * 1024) });
    expect(huge.status).toBe(413);
    const tooLarge = (await huge.json()) as { error: { code: string; message: string } };
    expect(tooLarge.error).toMatchObject({ code: 'payload_too_large' });
    expect(tooLarge.error.message).toContain('256 KB');

    const text = await post('hello', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    expect(bed.runtime.intakeCalls).toHaveLength(0);
  });

  it('says 401 without a valid key and 403 for a role that may not submit', async () => {
    const noKey = await fetch(`${server.baseUrl}/api/v1/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(validRequest),
    });
    expect(noKey.status).toBe(401);
    expect(noKey.headers.get('www-authenticate')).toContain('Bearer');
    expect((await post(validRequest, { authorization: 'Bearer fd_not-a-real-key' })).status).toBe(401);

    const viewerKey = await apiKeyFor(bed, 'viewer');
    const forbidden = await post(validRequest, { authorization: '', 'x-api-key': viewerKey });
    expect(forbidden.status).toBe(403);

    await bed.store.apiKeys.revoke('key-viewer', bed.clock.now().toISOString());
    const revoked = await post(validRequest, { authorization: `Bearer ${viewerKey}` });
    expect(revoked.status).toBe(401);
    expect(((await revoked.json()) as { error: { code: string } }).error.code).toBe('api_key_revoked');
    expect(bed.runtime.intakeCalls).toHaveLength(0);
  });
});

describe('Idempotency-Key', () => {
  it('replays the first answer for the same key and body, starting nothing new', async () => {
    const first = await post(validRequest, { 'idempotency-key': 'order-1001' });
    const firstBody = await first.json();
    // Same content, keys in another order: still the same request.
    const reordered = Object.fromEntries(Object.entries(validRequest).reverse());
    const again = await post(reordered, { 'idempotency-key': 'order-1001' });
    expect(again.status).toBe(first.status);
    expect(await again.json()).toEqual(firstBody);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(bed.runtime.intakeCalls).toHaveLength(1);
    expect(bed.runtime.intakeCalls[0]?.context.idempotency?.key).toBe('order-1001');
  });

  it('answers 409 for the same key with a different body', async () => {
    await post(validRequest, { 'idempotency-key': 'order-2002' });
    const conflict = await post(
      { ...validRequest, message: 'something else' },
      { 'idempotency-key': 'order-2002' },
    );
    expect(conflict.status).toBe(409);
    expect(((await conflict.json()) as { error: { code: string } }).error.code).toBe('idempotency_mismatch');
    expect(bed.runtime.intakeCalls).toHaveLength(1);
  });

  it('runs a key again whose first request died without an answer', async () => {
    // What a crash between reserving the key and committing the intake leaves behind.
    const apiKeyId = 'key-agent';
    const hash = sha256Hex(canonicalJson(IntakeRequestSchema.parse(validRequest)));
    await bed.store.idempotency.reserve(
      `intake:${apiKeyId}`,
      'order-crashed-1',
      hash,
      bed.clock.now().toISOString(),
    );
    bed.clock.advance(STALE_RESERVATION_MS - 15_000);
    const blocked = await post(validRequest, { 'idempotency-key': 'order-crashed-1' });
    expect(blocked.status).toBe(409);
    // The real wait until the dead reservation is taken over, not a hopeful 1 s.
    expect(blocked.headers.get('retry-after')).toBe('15');
    expect(await blocked.json()).toMatchObject({ error: { retryAfterSeconds: 15 } });
    expect(bed.runtime.intakeCalls).toHaveLength(0);

    bed.clock.advance(16_000);
    const retried = await post(validRequest, { 'idempotency-key': 'order-crashed-1' });
    expect(retried.status).toBe(202);
    expect(bed.runtime.intakeCalls).toHaveLength(1);
  });

  it('answers 409 with Retry-After while the first request is still running', async () => {
    let open = () => {};
    bed.runtime.intakeGate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const first = post(validRequest, { 'idempotency-key': 'order-3003' });
    await expect.poll(() => bed.runtime.intakeCalls.length).toBe(1);
    const concurrent = await post(validRequest, { 'idempotency-key': 'order-3003' });
    expect(concurrent.status).toBe(409);
    expect(concurrent.headers.get('retry-after')).toBe(String(STALE_RESERVATION_MS / 1000));
    expect(((await concurrent.json()) as { error: { code: string } }).error.code).toBe(
      'idempotency_in_progress',
    );
    open();
    bed.runtime.intakeGate = undefined;
    expect((await first).status).toBe(202);
  });

  it('releases the key when the runtime fails, so a retry runs, and never leaks internals', async () => {
    bed.runtime.failNextIntake = new Error('disk on fire at /var/secret/path');
    const failed = await post(validRequest, { 'idempotency-key': 'order-4004' });
    expect(failed.status).toBe(500);
    const text = await failed.text();
    expect(text).not.toContain('disk on fire');
    expect(text).not.toContain('/var/secret');
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'internal' } });
    const retried = await post(validRequest, { 'idempotency-key': 'order-4004' });
    expect(retried.status).toBe(202);
    expect(bed.runtime.intakeCalls).toHaveLength(2);
  });

  it('answers 503 with Retry-After when another process holds the database lock, and a retry runs', async () => {
    bed.runtime.failNextIntake = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    const busy = await post(validRequest, { 'idempotency-key': 'order-4005', 'accept-language': 'zh-CN' });
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('1');
    const body = (await busy.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('store_busy');
    expect(body.error.message).toContain('数据库正忙');
    const retried = await post(validRequest, { 'idempotency-key': 'order-4005' });
    expect(retried.status).toBe(202);
  });

  it('keeps no reservation for a request refused as invalid', async () => {
    const invalid = await post({ ...validRequest, channel: 'fax' }, { 'idempotency-key': 'order-5005' });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { pointer: string } }).error.pointer).toBe('/channel');
    // Had the key been reserved, a different (valid) body would now be a 409.
    expect((await post(validRequest, { 'idempotency-key': 'order-5005' })).status).toBe(202);
    expect((await post(validRequest, { 'idempotency-key': 'bad key with spaces' })).status).toBe(400);
  });
});
