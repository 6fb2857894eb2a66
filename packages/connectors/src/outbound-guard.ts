import { type LookupAddress, lookup as systemLookup } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Flows may call any URL an editor types, so by default they may not reach
 * this machine or the private network behind it (SSRF). Tests and
 * single-machine demos that call a local service turn the check off in config.
 *
 * Addresses are classified as numbers (`net.BlockList`), never by their text:
 * `[::ffff:127.0.0.1]` reaches us as `::ffff:7f00:1`, and `http://2130706433/`
 * is 127.0.0.1 too. The check runs on the address actually connected to (see
 * `guardedLookup`), so a name that resolves differently the second time (DNS
 * rebinding) cannot slip between check and connect.
 */
const BLOCKED = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network", 0.0.0.0 reaches the local machine
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata at 169.254.169.254
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, includes the broadcast address
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 96], // unspecified, loopback and the old IPv4-compatible form
  ['::ffff:0:0:0', 96], // IPv4-translated
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001::', 32], // Teredo tunnels
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // old site-local
  ['ff00::', 8], // multicast
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv6');
}

/** An outbound call refused by policy (private address, redirect); retrying will not help. */
export class OutboundRefusal extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'OutboundRefusal';
  }
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a dotted IPv4 tail folded in). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const before = head ? head.split(':') : [];
  const after = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - before.length - after.length).fill('0');
  return [...before, ...zeros, ...after].map((group) => Number.parseInt(group, 16));
}

/** The IPv4 address an IPv6 form carries (IPv4-mapped, NAT64, 6to4); that one decides. */
function embeddedIpv4(address: string): string | undefined {
  const groups = ipv6Groups(address);
  const quad = (high: number, low: number) => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  const [g0, g1, g2, g3, g4, g5, g6 = 0, g7 = 0] = groups;
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0xffff) return quad(g6, g7);
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return quad(g6, g7);
  if (g0 === 0x2002) return quad(g1 ?? 0, g2 ?? 0);
  return undefined;
}

/** True for loopback, private, link-local, reserved and anything that is not an IP address at all. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const version = isIP(bare);
  if (version === 4) return BLOCKED.check(bare, 'ipv4');
  if (version !== 6) return true;
  const embedded = embeddedIpv4(bare);
  return embedded ? BLOCKED.check(embedded, 'ipv4') : BLOCKED.check(bare, 'ipv6');
}

export type AddressResolver = (hostname: string, family: 0 | 4 | 6) => Promise<LookupAddress[]>;

const systemResolver: AddressResolver = (hostname, family) =>
  new Promise((resolve, reject) => {
    systemLookup(hostname, { all: true, family }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    );
  });

export interface OutboundGuardOptions {
  /** Lets calls reach this machine and the private network (tests, single-machine demos). */
  readonly allowPrivateNetworks: boolean;
  /** Resolves host names; the system resolver unless a test supplies its own. */
  readonly resolve?: AddressResolver;
}

function familyOf(family: number | 'IPv4' | 'IPv6' | undefined): 0 | 4 | 6 {
  if (family === 4 || family === 'IPv4') return 4;
  if (family === 6 || family === 'IPv6') return 6;
  return 0;
}

/** Resolves a host name and refuses it when any of its addresses is private. */
export async function resolvePublic(hostname: string, options: OutboundGuardOptions, family: 0 | 4 | 6 = 0) {
  const addresses = await (options.resolve ?? systemResolver)(hostname, family);
  if (addresses.length === 0) throw new Error(`${hostname} has no address`);
  // One private answer refuses the name: the connection could pick exactly that one.
  if (!options.allowPrivateNetworks && addresses.some((entry) => isPrivateAddress(entry.address)))
    throw new OutboundRefusal(`${hostname} is a private address`);
  return addresses;
}

/**
 * A `lookup` for `net.connect` / `http.request`: the socket connects only to
 * addresses this lookup returned, so the check is on the real destination.
 * Node skips `lookup` for IP literals; `guardedFetch` checks those itself.
 */
export function guardedLookup(options: OutboundGuardOptions): LookupFunction {
  return (hostname, lookupOptions, callback) => {
    resolvePublic(hostname, options, familyOf(lookupOptions.family)).then(
      (addresses) => {
        const [first] = addresses as [LookupAddress];
        if (lookupOptions.all) callback(null, addresses);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}

/** Parses an http(s) URL; refuses other schemes. */
export function parseOutboundUrl(url: string | URL): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new OutboundRefusal(`not a valid URL: ${String(url)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new OutboundRefusal('only http and https are allowed');
  return parsed;
}

/**
 * Checks a URL before calling it. This alone does not stop DNS rebinding (the
 * caller's own fetch resolves the name again): prefer `guardedFetch`, which
 * checks the address it connects to.
 */
export async function assertPublicAddress(
  url: string,
  allowPrivateNetworks: boolean,
  resolve?: AddressResolver,
): Promise<void> {
  const parsed = parseOutboundUrl(url);
  if (allowPrivateNetworks) return;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) {
    if (isPrivateAddress(host)) throw new OutboundRefusal(`${parsed.hostname} is a private address`);
    return;
  }
  await resolvePublic(host, { allowPrivateNetworks, ...(resolve ? { resolve } : {}) });
}
