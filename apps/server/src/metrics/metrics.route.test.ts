import { describe, expect, it } from 'vitest';
import type { ServerConfig } from '../config/server-config.ts';
import { createTestBed, startServer } from '../testing/server-test-kit.ts';

const TOKEN = 'scrape-token-0123456789';

/** The app of a test bed with these settings; `get` fetches /metrics with the given headers. */
async function metricsServer(overrides: Partial<ServerConfig>) {
  const bed = await createTestBed(overrides);
  const server = await startServer(bed);
  return {
    get: (headers: Record<string, string> = {}) => fetch(`${server.baseUrl}/metrics`, { headers }),
    close: async () => {
      await server.close();
      await bed.close();
    },
  };
}

describe('GET /metrics access', () => {
  it('refuses a network outside FLOWDESK_METRICS_NETWORKS with a translated 403 and no figures', async () => {
    // The proxy on loopback says the client is 203.0.113.7: not an allowed network.
    const server = await metricsServer({ trustProxy: ['loopback'] });
    try {
      expect((await server.get()).status).toBe(200);
      const outside = await server.get({ 'x-forwarded-for': '203.0.113.7', 'accept-language': 'en' });
      expect(outside.status).toBe(403);
      const body = (await outside.json()) as { error: { code: string; message: string } };
      expect(body.error).toMatchObject({ code: 'metrics_network_refused' });
      expect(body.error.message).toContain('FLOWDESK_METRICS_NETWORKS');
      const zh = await server.get({ 'x-forwarded-for': '203.0.113.7', 'accept-language': 'zh-CN' });
      expect(((await zh.json()) as { error: { message: string } }).error.message).toContain(
        '此网络不能读取监控指标',
      );
    } finally {
      await server.close();
    }
  });

  it('refuses a request forwarded by an untrusted proxy on loopback: its visitor is not loopback', async () => {
    // Nginx on the same host without FLOWDESK_TRUST_PROXY: the peer is 127.0.0.1, the visitor anyone.
    const server = await metricsServer({});
    try {
      expect((await server.get()).status).toBe(200);
      expect((await server.get({ 'x-forwarded-for': '203.0.113.7' })).status).toBe(403);
      expect((await server.get({ forwarded: 'for=203.0.113.7' })).status).toBe(403);
    } finally {
      await server.close();
    }
  });

  it('asks for the token (401, WWW-Authenticate) where no network is allowed, and serves it with the token', async () => {
    const server = await metricsServer({ metrics: { token: TOKEN, networks: [] } });
    try {
      const none = await server.get();
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toBe('Bearer');
      expect(((await none.json()) as { error: { code: string } }).error.code).toBe('metrics_token_required');
      const wrong = await server.get({ authorization: 'Bearer scrape-token-9876543210' });
      expect(wrong.status).toBe(401);
      expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('metrics_token_invalid');
      const right = await server.get({ authorization: `Bearer ${TOKEN}` });
      expect(right.status).toBe(200);
      expect(right.headers.get('cache-control')).toBe('no-store');
      expect(await right.text()).toContain('# TYPE flowdesk_http_request_duration_seconds histogram');
    } finally {
      await server.close();
    }
  });
});
