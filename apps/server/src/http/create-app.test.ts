import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/secrets.ts';
import {
  apiKeyFor,
  createTestBed,
  type RunningServer,
  startServer,
  type TestBed,
} from '../testing/server-test-kit.ts';

let bed: TestBed;
let server: RunningServer;
beforeAll(async () => {
  bed = await createTestBed();
  server = await startServer(bed);
});
afterAll(async () => {
  await server.close();
  await bed.close();
});

describe('the HTTP shell', () => {
  it('sets security headers and hides the framework', async () => {
    const response = await fetch(`${server.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it('answers an unknown address with a JSON 404', async () => {
    const response = await fetch(`${server.baseUrl}/api/v1/nothing-here`, {
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      error: { code: 'not_found', message: '找不到请求的地址' },
    });
  });

  it('reports readiness from the store and the runtime', async () => {
    const ready = await fetch(`${server.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { store: true, runtime: true } });
    bed.runtime.isReady = false;
    const notReady = await fetch(`${server.baseUrl}/readyz`);
    bed.runtime.isReady = true;
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({ status: 'not_ready', checks: { store: true, runtime: false } });
  });

  it('accepts external events with 202 and checks their names', async () => {
    const key = await apiKeyFor(bed, 'editor');
    const send = (body: unknown) =>
      fetch(`${server.baseUrl}/api/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key },
        body: JSON.stringify(body),
      });
    const accepted = await send({
      name: 'order.shipped',
      payload: { orderNo: 'A-1001' },
      occurredAt: '2026-11-22T08:00:00Z',
    });
    expect(accepted.status).toBe(202);
    expect(await accepted.json()).toEqual({ eventId: 'event-1', executionIds: [] });
    expect(bed.runtime.eventCalls).toEqual([
      { name: 'order.shipped', payload: { orderNo: 'A-1001' }, occurredAt: '2026-11-22T08:00:00Z' },
    ]);
    const badName = await send({ name: 'Order Shipped' });
    expect(badName.status).toBe(400);
    const { error } = (await badName.json()) as { error: { pointer: string; message: string } };
    expect(error.pointer).toBe('/name');
    expect(error.message).toContain('order.shipped');
    expect(bed.runtime.eventCalls).toHaveLength(1);
  });

  it('serves tRPC with an HttpOnly SameSite session cookie and translated errors', async () => {
    await bed.store.users.update(bed.users.admin.id, {
      passwordHash: await hashPassword('admin password 123'),
    });
    const anonymous = await fetch(`${server.baseUrl}/trpc/flows.list`, {
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(anonymous.status).toBe(401);
    const refused = (await anonymous.json()) as { error: { message: string; data: Record<string, unknown> } };
    expect(refused.error.message).toBe('请先登录');
    expect(refused.error.data).toMatchObject({
      code: 'UNAUTHORIZED',
      messages: { en: 'Please sign in first' },
    });
    expect(refused.error.data).not.toHaveProperty('stack');

    const login = await fetch(`${server.baseUrl}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.com', password: 'admin password 123' }),
    });
    expect(login.status).toBe(200);
    const setCookie = login.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^fd_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).not.toContain('Secure');

    const cookie = setCookie.split(';')[0] ?? '';
    const me = await fetch(`${server.baseUrl}/trpc/auth.me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({
      result: { data: { email: 'admin@example.com', role: 'admin' } },
    });

    const invalid = await fetch(`${server.baseUrl}/trpc/flows.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ name: '' }),
    });
    expect(invalid.status).toBe(400);
    const invalidBody = (await invalid.json()) as {
      error: { data: { pointer: string; messages: { 'zh-CN': string } } };
    };
    expect(invalidBody.error.data.pointer).toBe('/name');
    expect(invalidBody.error.data.messages['zh-CN']).toContain('请求内容有误');

    const wrongType = await fetch(`${server.baseUrl}/trpc/flows.rename`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ id: 'flow-1', name: 42 }),
    });
    const wrongTypeBody = (await wrongType.json()) as { error: { message: string } };
    expect(wrongTypeBody.error.message).toContain('/name must be text');
  });
});

describe('behind HTTPS (FLOWDESK_SECURE_COOKIES)', () => {
  it('marks the session cookie Secure and sends HSTS', async () => {
    const secureBed = await createTestBed({ secureCookies: true });
    const secureServer = await startServer(secureBed);
    try {
      await secureBed.store.users.update(secureBed.users.viewer.id, {
        passwordHash: await hashPassword('viewer pass 123'),
      });
      const login = await fetch(`${secureServer.baseUrl}/trpc/auth.login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'viewer@example.com', password: 'viewer pass 123' }),
      });
      expect(login.headers.get('set-cookie')).toContain('Secure');
      expect(login.headers.get('strict-transport-security')).toContain('max-age=');
    } finally {
      await secureServer.close();
      await secureBed.close();
    }
  });
});
