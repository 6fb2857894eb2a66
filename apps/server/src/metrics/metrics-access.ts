import { timingSafeEqual } from 'node:crypto';
import { BlockList, isIP } from 'node:net';

/**
 * Who may read GET /metrics: anyone on an allowed network (loopback unless
 * FLOWDESK_METRICS_NETWORKS says otherwise, so a Prometheus beside the server
 * needs nothing), and anyone presenting the bearer token FLOWDESK_METRICS_TOKEN
 * from anywhere. A wrong token is refused even from an allowed network: a
 * scraper with a stale token should find out.
 */
export interface MetricsAccess {
  /** FLOWDESK_METRICS_TOKEN; null: no token opens the endpoint. */
  readonly token: string | null;
  /** FLOWDESK_METRICS_NETWORKS: addresses and CIDR ranges; empty: none. */
  readonly networks: readonly string[];
}

export const DEFAULT_METRICS_NETWORKS: readonly string[] = ['127.0.0.0/8', '::1/128'];

export const DEFAULT_METRICS_ACCESS: MetricsAccess = { token: null, networks: DEFAULT_METRICS_NETWORKS };

export type MetricsNetworksParse = { ok: true; networks: string[] } | { ok: false; bad: string[] };

function isNetworkEntry(entry: string): boolean {
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/** Unset or empty: loopback; `none`: no network (the token only); else a comma list of addresses and CIDRs. */
export function parseMetricsNetworks(value: string | undefined): MetricsNetworksParse {
  const trimmed = (value ?? '').trim();
  if (trimmed === '') return { ok: true, networks: [...DEFAULT_METRICS_NETWORKS] };
  if (trimmed.toLowerCase() === 'none') return { ok: true, networks: [] };
  const entries = trimmed
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const bad = entries.filter((entry) => !isNetworkEntry(entry));
  return bad.length > 0 ? { ok: false, bad } : { ok: true, networks: entries };
}

function blockListOf(networks: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of networks) {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

/** `::ffff:127.0.0.1` (an IPv4 client on a dual-stack socket) is checked as 127.0.0.1. */
function plainAddress(address: string): { address: string; family: 'ipv4' | 'ipv6' } | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const plain = mapped?.[1] ?? address;
  const family = isIP(plain);
  if (family === 0) return null;
  return { address: plain, family: family === 4 ? 'ipv4' : 'ipv6' };
}

export type MetricsDecision =
  | { ok: true }
  | { ok: false; code: 'metrics_token_invalid' | 'metrics_token_required' | 'metrics_network_refused' };

/**
 * Decides one scrape from its Authorization header and client address (Express's `request.ip`).
 * `proxied`: the request came through a proxy this server does not trust (it carries
 * X-Forwarded-For or Forwarded, and its address is the TCP peer's). Then the address
 * is the proxy's, not the visitor's: a reverse proxy on the same host would make
 * everyone look like loopback, so only the token opens the endpoint.
 */
export function metricsGate(
  access: MetricsAccess,
): (authorization: string | undefined, ip: string | undefined, proxied?: boolean) => MetricsDecision {
  const allowed = blockListOf(access.networks);
  const expected = access.token === null ? null : Buffer.from(access.token);
  return (authorization, ip, proxied = false) => {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    if (bearer !== undefined) {
      const given = Buffer.from(bearer);
      const matches =
        expected !== null && given.length === expected.length && timingSafeEqual(given, expected);
      return matches ? { ok: true } : { ok: false, code: 'metrics_token_invalid' };
    }
    const client = ip === undefined ? null : plainAddress(ip);
    if (!proxied && client && allowed.check(client.address, client.family)) return { ok: true };
    return { ok: false, code: expected === null ? 'metrics_network_refused' : 'metrics_token_required' };
  };
}
