import { openSqliteStore, type Store } from '@flowdesk/store';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../app-deps.ts';
import { StoreRateLimits } from '../http/store-rate-limits.ts';
import {
  backoffSeconds,
  FREE_FAILURES,
  IP_FAILURES_PER_DAY,
  LoginRateLimiter,
  MAX_BLOCK_SECONDS,
} from './login-rate-limit.ts';

describe('backoffSeconds', () => {
  it('lets the first failures pass, then doubles the wait up to the cap', () => {
    const waits = Array.from({ length: 20 }, (_, i) => backoffSeconds(i + 1));
    expect(waits.slice(0, FREE_FAILURES - 1).every((wait) => wait === 0)).toBe(true);
    expect(waits.slice(FREE_FAILURES - 1, FREE_FAILURES + 3)).toEqual([1, 2, 4, 8]);
    expect(waits.at(-1)).toBe(MAX_BLOCK_SECONDS);
  });
});

describe('LoginRateLimiter', () => {
  const stores: Store[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });

  async function limiter(): Promise<LoginRateLimiter> {
    const store = await openSqliteStore({ path: ':memory:' });
    stores.push(store);
    return new LoginRateLimiter(new StoreRateLimits(store, silentLogger));
  }

  it('blocks an account after its free failures whatever address each came from', async () => {
    const login = await limiter();
    for (let i = 0; i < FREE_FAILURES - 1; i++) await login.failed('Wang@Example.cn', `198.51.100.${i}`);
    expect(await login.check('wang@example.cn', '203.0.113.1')).toEqual({ allowed: true });
    await login.failed(' wang@example.cn ', '198.51.100.99');
    expect(await login.check('wang@example.cn', '203.0.113.1')).toEqual({
      allowed: false,
      retryAfterSeconds: 1,
    });
    // Another account from the same addresses is not touched.
    expect(await login.check('li@example.cn', '198.51.100.99')).toEqual({ allowed: true });
  });

  it('a success ends the streak, so the next failure is free again', async () => {
    const login = await limiter();
    for (let i = 0; i < FREE_FAILURES - 1; i++) await login.failed('wang@example.cn', '198.51.100.1');
    await login.succeeded('wang@example.cn');
    await login.failed('wang@example.cn', '198.51.100.1');
    expect(await login.check('wang@example.cn', '198.51.100.1')).toEqual({ allowed: true });
  });

  it('refuses an address for a day once it failed too often over many accounts', async () => {
    const login = await limiter();
    for (let i = 0; i <= IP_FAILURES_PER_DAY; i++)
      await login.failed(`user${i}@example.cn`, '2001:db8:1:2::9');
    const refused = await login.check('fresh@example.cn', '2001:db8:1:2::abcd');
    expect(refused.allowed).toBe(false);
    expect(refused.allowed === false && refused.retryAfterSeconds).toBeGreaterThan(23 * 60 * 60);
    expect(await login.check('fresh@example.cn', '2001:db8:1:3::1')).toEqual({ allowed: true });
  });
});
