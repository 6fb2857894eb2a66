import { isIP } from 'node:net';

/**
 * FLOWDESK_TRUST_PROXY: the reverse proxies whose X-Forwarded-For (and
 * -Proto, -Host) Express may believe, as a comma list of addresses, CIDR
 * ranges or Express's names `loopback`, `linklocal`, `uniquelocal`. Empty
 * (the default) believes no one: the client is the TCP peer. Trusting whole
 * private ranges by default let any client arriving through a Docker published
 * port (seen from a bridge address) choose its own address.
 */
const NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

export type TrustProxyParse = { ok: true; proxies: string[] } | { ok: false; bad: string[] };

function isProxyEntry(entry: string): boolean {
  if (NAMES.has(entry)) return true;
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

export function parseTrustProxy(value: string | undefined): TrustProxyParse {
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const bad = entries.filter((entry) => !isProxyEntry(entry));
  return bad.length > 0 ? { ok: false, bad } : { ok: true, proxies: entries };
}
