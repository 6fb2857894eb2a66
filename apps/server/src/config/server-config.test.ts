import { describe, expect, it } from 'vitest';
import { ConfigError, loadServerConfig } from './server-config.ts';

describe('loadServerConfig', () => {
  it('uses the documented defaults on an empty environment', () => {
    const config = loadServerConfig({});
    expect(config).toEqual({
      port: 3000,
      host: '0.0.0.0',
      store: { kind: 'sqlite', path: './data/flowdesk.sqlite' },
      admin: {},
      bodyLimitBytes: 256 * 1024,
      secureCookies: false,
      logLevel: 'info',
      auditRetentionDays: 365,
      executionRetentionDays: 90,
      trustProxy: [],
      metrics: { token: null, networks: ['127.0.0.0/8', '::1/128'] },
      secrets: {},
    });
  });

  it('reads who may see /metrics: a token, networks, none, and refuses a bad value without showing the token', () => {
    const config = loadServerConfig({
      FLOWDESK_METRICS_TOKEN: 'scrape-token-0123456789',
      FLOWDESK_METRICS_NETWORKS: '10.0.0.0/8, 192.168.1.7, fd00::/8',
    });
    expect(config.metrics).toEqual({
      token: 'scrape-token-0123456789',
      networks: ['10.0.0.0/8', '192.168.1.7', 'fd00::/8'],
    });
    expect(loadServerConfig({ FLOWDESK_METRICS_NETWORKS: 'none' }).metrics.networks).toEqual([]);
    expect(() => loadServerConfig({ FLOWDESK_METRICS_NETWORKS: '10.0.0.0/33,intranet' })).toThrow(
      /FLOWDESK_METRICS_NETWORKS.*10\.0\.0\.0\/33, intranet/,
    );
    try {
      loadServerConfig({ FLOWDESK_METRICS_TOKEN: 'short secret' });
      expect.unreachable('a short token is refused');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect(String(error)).toContain('FLOWDESK_METRICS_TOKEN=(hidden)');
      expect(String(error)).not.toContain('short secret');
    }
  });

  it('puts a relative database path where npm start was typed, not inside apps/server', () => {
    expect(loadServerConfig({ INIT_CWD: '/srv/flowdesk' }).store).toEqual({
      kind: 'sqlite',
      path: '/srv/flowdesk/data/flowdesk.sqlite',
    });
    expect(loadServerConfig({ INIT_CWD: '/srv/flowdesk', FLOWDESK_DB: '/var/lib/fd.sqlite' }).store).toEqual({
      kind: 'sqlite',
      path: '/var/lib/fd.sqlite',
    });
    expect(loadServerConfig({ INIT_CWD: '/srv/flowdesk', FLOWDESK_DB: ':memory:' }).store).toEqual({
      kind: 'sqlite',
      path: ':memory:',
    });
  });

  it('reads every variable and picks MongoDB when MONGODB_URI is set', () => {
    const config = loadServerConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      MONGODB_URI: 'mongodb://db:27017/flowdesk?replicaSet=rs0',
      FLOWDESK_ADMIN_EMAIL: 'admin@example.com',
      FLOWDESK_ADMIN_PASSWORD: 'a-long-enough-secret',
      FLOWDESK_BODY_LIMIT: '1mb',
      FLOWDESK_SECURE_COOKIES: 'true',
      FLOWDESK_LOG_LEVEL: 'warn',
    });
    expect(config.port).toBe(8080);
    expect(config.store).toEqual({ kind: 'mongo', uri: 'mongodb://db:27017/flowdesk?replicaSet=rs0' });
    expect(config.admin).toEqual({ email: 'admin@example.com', password: 'a-long-enough-secret' });
    expect(config.bodyLimitBytes).toBe(1024 * 1024);
    expect(config.secureCookies).toBe(true);
    expect(config.logLevel).toBe('warn');
  });

  it('names every bad variable in one startup error', () => {
    let caught: unknown;
    try {
      loadServerConfig({ PORT: 'eighty', FLOWDESK_BODY_LIMIT: 'huge', FLOWDESK_SECURE_COOKIES: 'maybe' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems.join('\n');
    expect(problems).toContain('PORT="eighty"');
    expect(problems).toContain('FLOWDESK_BODY_LIMIT="huge"');
    expect(problems).toContain('FLOWDESK_SECURE_COOKIES="maybe"');
  });

  it('keeps the audit log for FLOWDESK_AUDIT_RETENTION_DAYS days and refuses a bad number in both languages', () => {
    expect(loadServerConfig({ FLOWDESK_AUDIT_RETENTION_DAYS: '30' }).auditRetentionDays).toBe(30);
    for (const bad of ['0', '1.5', 'forever', '40000']) {
      expect(() => loadServerConfig({ FLOWDESK_AUDIT_RETENTION_DAYS: bad })).toThrow(
        /FLOWDESK_AUDIT_RETENTION_DAYS=.*须为 1 到 36500 之间的整数天数 \/ must be a whole number of days/,
      );
    }
  });

  it('prunes step logs and finished jobs after FLOWDESK_EXECUTION_RETENTION_DAYS days (90 by default)', () => {
    expect(loadServerConfig({}).executionRetentionDays).toBe(90);
    expect(loadServerConfig({ FLOWDESK_EXECUTION_RETENTION_DAYS: '30' }).executionRetentionDays).toBe(30);
    for (const bad of ['0', '1.5', 'forever', '40000']) {
      expect(() => loadServerConfig({ FLOWDESK_EXECUTION_RETENTION_DAYS: bad })).toThrow(
        /FLOWDESK_EXECUTION_RETENTION_DAYS=.*须为 1 到 36500 之间的整数天数 \/ must be a whole number of days/,
      );
    }
  });

  it('reads the secret keys as 32 bytes of base64 or hex and never echoes a bad one', () => {
    const hex = 'ab'.repeat(32);
    const config = loadServerConfig({
      FLOWDESK_SECRET_KEY: Buffer.from(hex, 'hex').toString('base64'),
      FLOWDESK_SECRET_KEY_PREVIOUS: hex,
    });
    expect(config.secrets.key?.bytes.toString('hex')).toBe(hex);
    expect(config.secrets.previous?.id).toBe(config.secrets.key?.id);
    const bad = (() => {
      try {
        loadServerConfig({ FLOWDESK_SECRET_KEY: 'too-short-to-be-a-key' });
      } catch (error) {
        return error as ConfigError;
      }
    })();
    expect(bad).toBeInstanceOf(ConfigError);
    expect(bad?.message).toContain('FLOWDESK_SECRET_KEY=(hidden)');
    expect(bad?.message).toContain('32 字节');
    expect(bad?.message).not.toContain('too-short-to-be-a-key');
  });

  it('refuses an admin password without an email', () => {
    expect(() => loadServerConfig({ FLOWDESK_ADMIN_PASSWORD: 'a-long-enough-secret' })).toThrow(
      /FLOWDESK_ADMIN_EMAIL/,
    );
  });
});
