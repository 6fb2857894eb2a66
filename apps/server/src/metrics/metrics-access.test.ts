import { describe, expect, it } from 'vitest';
import { DEFAULT_METRICS_NETWORKS, metricsGate, parseMetricsNetworks } from './metrics-access.ts';

const TOKEN = 'scrape-token-0123456789';

describe('metricsGate', () => {
  it('serves loopback (IPv4, IPv6 and IPv4-mapped) by default and refuses other networks', () => {
    const gate = metricsGate({ token: null, networks: DEFAULT_METRICS_NETWORKS });
    for (const ip of ['127.0.0.1', '127.3.2.1', '::1', '::ffff:127.0.0.1']) {
      expect(gate(undefined, ip)).toEqual({ ok: true });
    }
    for (const ip of ['10.0.0.5', '::ffff:10.0.0.5', '2001:db8::1', 'not-an-ip', undefined]) {
      expect(gate(undefined, ip)).toEqual({ ok: false, code: 'metrics_network_refused' });
    }
  });

  it('takes the right bearer token from any network and refuses a wrong one even from an allowed network', () => {
    const gate = metricsGate({ token: TOKEN, networks: ['10.0.0.0/8'] });
    expect(gate(`Bearer ${TOKEN}`, '203.0.113.9')).toEqual({ ok: true });
    expect(gate(`bearer ${TOKEN}`, undefined)).toEqual({ ok: true });
    expect(gate(undefined, '10.20.30.40')).toEqual({ ok: true });
    for (const wrong of ['Bearer nope', `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(1)}`]) {
      expect(gate(wrong, '10.20.30.40')).toEqual({ ok: false, code: 'metrics_token_invalid' });
    }
    expect(gate(undefined, '203.0.113.9')).toEqual({ ok: false, code: 'metrics_token_required' });
    expect(gate(`Basic ${TOKEN}`, '203.0.113.9')).toEqual({ ok: false, code: 'metrics_token_required' });
  });

  it('does not take a proxied request for loopback: behind an untrusted proxy only the token opens it', () => {
    const gate = metricsGate({ token: TOKEN, networks: DEFAULT_METRICS_NETWORKS });
    expect(gate(undefined, '127.0.0.1', true)).toEqual({ ok: false, code: 'metrics_token_required' });
    expect(gate(`Bearer ${TOKEN}`, '127.0.0.1', true)).toEqual({ ok: true });
    const tokenless = metricsGate({ token: null, networks: DEFAULT_METRICS_NETWORKS });
    expect(tokenless(undefined, '::1', true)).toEqual({ ok: false, code: 'metrics_network_refused' });
  });

  it('refuses every bearer token when none is configured', () => {
    const gate = metricsGate({ token: null, networks: DEFAULT_METRICS_NETWORKS });
    expect(gate('Bearer anything-at-all-here', '127.0.0.1')).toEqual({
      ok: false,
      code: 'metrics_token_invalid',
    });
  });
});

describe('parseMetricsNetworks', () => {
  it('defaults to loopback, accepts none, addresses and CIDRs, and names the bad entries', () => {
    expect(parseMetricsNetworks(undefined)).toEqual({ ok: true, networks: ['127.0.0.0/8', '::1/128'] });
    expect(parseMetricsNetworks('  ')).toEqual({ ok: true, networks: ['127.0.0.0/8', '::1/128'] });
    expect(parseMetricsNetworks('None')).toEqual({ ok: true, networks: [] });
    expect(parseMetricsNetworks('10.1.2.3, 172.16.0.0/12,fd00::/8')).toEqual({
      ok: true,
      networks: ['10.1.2.3', '172.16.0.0/12', 'fd00::/8'],
    });
    expect(parseMetricsNetworks('10.0.0.0/33,::1/129,intranet,1.2.3.4/8/1')).toEqual({
      ok: false,
      bad: ['10.0.0.0/33', '::1/129', 'intranet', '1.2.3.4/8/1'],
    });
  });
});
