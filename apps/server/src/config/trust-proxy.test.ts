import { describe, expect, it } from 'vitest';
import { ConfigError, loadServerConfig } from './server-config.ts';
import { parseTrustProxy } from './trust-proxy.ts';

describe('FLOWDESK_TRUST_PROXY', () => {
  it('trusts no proxy by default, so X-Forwarded-For is never believed', () => {
    expect(loadServerConfig({}).trustProxy).toEqual([]);
    expect(loadServerConfig({ FLOWDESK_TRUST_PROXY: '' }).trustProxy).toEqual([]);
  });

  it('reads a comma list of addresses, CIDR ranges and Express names', () => {
    expect(
      loadServerConfig({ FLOWDESK_TRUST_PROXY: ' 10.0.0.2, 172.18.0.0/16,::1 ,fd00::/8, loopback' })
        .trustProxy,
    ).toEqual(['10.0.0.2', '172.18.0.0/16', '::1', 'fd00::/8', 'loopback']);
  });

  it('stops the start naming every entry that is not an address or range', () => {
    expect(parseTrustProxy('10.0.0.1, proxy.internal, 10.0.0.0/33, 1.2.3.4/8/1, ::1/129, true')).toEqual({
      ok: false,
      bad: ['proxy.internal', '10.0.0.0/33', '1.2.3.4/8/1', '::1/129', 'true'],
    });
    expect(() => loadServerConfig({ FLOWDESK_TRUST_PROXY: 'everyone' })).toThrow(ConfigError);
    expect(() => loadServerConfig({ FLOWDESK_TRUST_PROXY: 'everyone' })).toThrow(
      /FLOWDESK_TRUST_PROXY="everyone": .*everyone/,
    );
  });
});
