import { describe, expect, it } from 'vitest';
import { clientKey, WidgetRateLimiter } from './widget-rate-limit.ts';

describe('clientKey', () => {
  it('keeps IPv4 addresses and unwraps IPv4-mapped IPv6', () => {
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('::FFFF:203.0.113.7')).toBe('203.0.113.7');
  });

  it('puts every address of one IPv6 /64 under one key, whatever its spelling', () => {
    const keys = [
      '2001:db8:1:2::1',
      '2001:db8:1:2:ffff:ffff:ffff:ffff',
      '2001:0db8:0001:0002:0000:0000:0000:abcd',
      '2001:DB8:1:2:a:b:c:d',
      '2001:db8:1:2::1%eth0',
    ].map(clientKey);
    expect(new Set(keys)).toEqual(new Set(['2001:db8:1:2::/64']));
    expect(clientKey('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
  });

  it('names a missing or malformed address "unknown"', () => {
    expect(clientKey(undefined)).toBe('unknown');
    expect(clientKey('not an address')).toBe('unknown');
  });
});

describe('WidgetRateLimiter', () => {
  it('refuses the call over the limit until the window ends', () => {
    const limiter = new WidgetRateLimiter(60_000);
    expect([1, 2, 3].map(() => limiter.take('a', 2, 0))).toEqual([0, 0, 60]);
    expect(limiter.take('a', 2, 30_000)).toBe(30);
    expect(limiter.take('a', 2, 60_000)).toBe(0);
  });

  it('an IPv6 visitor rotating addresses inside its /64 shares one budget', () => {
    const limiter = new WidgetRateLimiter(60_000);
    const waits = Array.from({ length: 11 }, (_, i) =>
      limiter.take(`start|${clientKey(`2001:db8:aa:bb::${(i + 1).toString(16)}`)}`, 10, 0),
    );
    expect(waits.slice(0, 10).every((wait) => wait === 0)).toBe(true);
    expect(waits[10]).toBeGreaterThan(0);
    expect(limiter.size).toBe(1);
  });

  it('never remembers more keys than its cap, forgetting the oldest window first', () => {
    const limiter = new WidgetRateLimiter(60_000, 100);
    limiter.take('first', 1, 0);
    expect(limiter.take('first', 1, 0)).toBeGreaterThan(0);
    for (let i = 0; i < 1000; i++) limiter.take(`flood-${i}`, 1, 1);
    expect(limiter.size).toBe(100);
    // The oldest key was forgotten; the newest are still limited.
    expect(limiter.take('first', 1, 2)).toBe(0);
    expect(limiter.take('flood-999', 1, 2)).toBeGreaterThan(0);
  });

  it('lets expired windows go a few at a time as calls arrive', () => {
    const limiter = new WidgetRateLimiter(1000);
    for (let i = 0; i < 20; i++) limiter.take(`old-${i}`, 5, 0);
    for (let i = 0; i < 10; i++) limiter.take('new', 100, 5000);
    expect(limiter.size).toBe(1);
  });
});
