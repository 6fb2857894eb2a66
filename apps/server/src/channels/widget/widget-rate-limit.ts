import { isIPv4, isIPv6 } from 'node:net';
import type { RequestHandler } from 'express';
import { AppError } from '../../http/app-error.ts';

/**
 * Who a widget call comes from, for limits: an IPv4 address as it is, an
 * IPv4-mapped IPv6 address as its IPv4, and any other IPv6 address by its /64
 * (one subscriber usually holds a whole /64, so single addresses would be
 * unlimited keys).
 */
export function clientKey(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped?.[1] && isIPv4(mapped[1])) return mapped[1];
  if (isIPv4(ip)) return ip;
  const address = ip.split('%')[0] ?? ip;
  if (!isIPv6(address)) return 'unknown';
  return `${ipv6Groups(address).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, "::" expanded, leading zeros dropped. */
function ipv6Groups(address: string): string[] {
  const [head = '', tail] = address.toLowerCase().split('::');
  const part = (text: string) => (text === '' ? [] : text.split(':'));
  // An embedded IPv4 tail (::1.2.3.4 forms) counts as two groups.
  const expand = (groups: string[]) =>
    groups.flatMap((group) => {
      if (!group.includes('.')) return [group];
      const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
      return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
    });
  const left = expand(part(head));
  const right = tail === undefined ? [] : expand(part(tail));
  const zeros = Array.from({ length: tail === undefined ? 0 : 8 - left.length - right.length }, () => '0');
  return [...left, ...zeros, ...right].map((group) => Number.parseInt(group, 16).toString(16));
}

/** How many keys the limiter remembers: beyond this the oldest window is forgotten. */
export const RATE_LIMIT_MAX_KEYS = 10_000;

/** Expired windows removed per call: a little each time instead of a full scan now and then. */
const PRUNE_PER_CALL = 4;

/**
 * A fixed window per client and kind of call, kept in memory (the same idea
 * as the login limiter): several replicas each keep their own window, which
 * still caps what one client can send to one process. Entries are kept in the
 * order their windows started (a new window is re-inserted at the end), so the
 * expired ones are always at the front and the oldest is the first to go when
 * the map is full.
 */
export class WidgetRateLimiter {
  private readonly hits = new Map<string, { count: number; windowStart: number }>();

  constructor(
    private readonly windowMs = 60_000,
    private readonly maxKeys = RATE_LIMIT_MAX_KEYS,
  ) {}

  /** How many keys are remembered now. */
  get size(): number {
    return this.hits.size;
  }

  /** Counts one call; returns the seconds to wait when over the limit, else 0. */
  take(key: string, limit: number, nowMs: number): number {
    this.pruneSome(nowMs);
    const entry = this.hits.get(key);
    if (!entry || nowMs - entry.windowStart >= this.windowMs) {
      this.hits.delete(key);
      // Full of live windows: forget the oldest, which is the closest to ending anyway.
      if (this.hits.size >= this.maxKeys) this.dropOldest();
      this.hits.set(key, { count: 1, windowStart: nowMs });
      return 0;
    }
    entry.count += 1;
    if (entry.count <= limit) return 0;
    return Math.max(1, Math.ceil((entry.windowStart + this.windowMs - nowMs) / 1000));
  }

  private pruneSome(nowMs: number): void {
    let budget = PRUNE_PER_CALL;
    for (const [key, entry] of this.hits) {
      if (budget-- === 0 || nowMs - entry.windowStart < this.windowMs) return;
      this.hits.delete(key);
    }
  }

  private dropOldest(): void {
    const oldest = this.hits.keys().next();
    if (!oldest.done) this.hits.delete(oldest.value);
  }
}

/** Per minute and client: new conversations are rarer than chat messages or reconnecting event streams. */
export const WIDGET_LIMITS = { start: 10, message: 60, events: 60 } as const;

export function rateLimited(
  limiter: WidgetRateLimiter,
  kind: keyof typeof WIDGET_LIMITS,
  now: () => number = Date.now,
): RequestHandler {
  return (request, response, next) => {
    const wait = limiter.take(`${kind}|${clientKey(request.ip)}`, WIDGET_LIMITS[kind], now());
    if (wait === 0) {
      next();
      return;
    }
    response.setHeader('Retry-After', String(wait));
    next(new AppError('too_many_requests', 'widget_rate_limited', { params: { seconds: wait } }));
  };
}
