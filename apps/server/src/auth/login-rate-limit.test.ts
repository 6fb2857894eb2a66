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

  /** One sign-in with a wrong password, the way the sign-in route makes it. */
  async function failOnce(login: LoginRateLimiter, email: string, ip: string): Promise<void> {
    const attempt = await login.begin(email, ip);
    if (attempt.allowed) await attempt.failed();
  }

  /** One sign-in with the right password. */
  async function succeedOnce(login: LoginRateLimiter, email: string, ip: string): Promise<void> {
    const attempt = await login.begin(email, ip);
    expect(attempt.allowed).toBe(true);
    if (attempt.allowed) await attempt.succeeded();
  }

  it('blocks an account after its free failures whatever address each came from', async () => {
    const login = await limiter();
    for (let i = 0; i < FREE_FAILURES - 1; i++) await failOnce(login, 'Wang@Example.cn', `198.51.100.${i}`);
    expect(await login.check('wang@example.cn', '203.0.113.1')).toEqual({ allowed: true });
    await failOnce(login, ' wang@example.cn ', '198.51.100.99');
    expect(await login.check('wang@example.cn', '203.0.113.1')).toEqual({
      allowed: false,
      retryAfterSeconds: 1,
    });
    // Another account from the same addresses is not touched.
    expect(await login.check('li@example.cn', '198.51.100.99')).toEqual({ allowed: true });
  });

  it('a success ends the streak, so the next failure is free again', async () => {
    const login = await limiter();
    for (let i = 0; i < FREE_FAILURES - 1; i++) await failOnce(login, 'wang@example.cn', '198.51.100.1');
    await succeedOnce(login, 'wang@example.cn', '198.51.100.1');
    await failOnce(login, 'wang@example.cn', '198.51.100.1');
    expect(await login.check('wang@example.cn', '198.51.100.1')).toEqual({ allowed: true });
  });

  it('counts the failure before the password is checked: of 40 concurrent attempts at most FREE_FAILURES + 1 go on', async () => {
    const login = await limiter();
    const attempts = await Promise.all(
      Array.from({ length: 40 }, (_, i) => login.begin('wang@example.cn', `198.51.100.${i}`)),
    );
    const evaluated = attempts.filter((attempt) => attempt.allowed);
    expect(evaluated.length).toBeGreaterThanOrEqual(FREE_FAILURES);
    expect(evaluated.length).toBeLessThanOrEqual(FREE_FAILURES + 1);
    const blocks = await Promise.all(evaluated.map((attempt) => attempt.allowed && attempt.failed()));
    // The refused attempts gave their points back: the longest block is what the evaluated ones earned.
    expect(Math.max(...blocks.map(Number))).toBe(backoffSeconds(evaluated.length));
    expect(attempts.some((attempt) => !attempt.allowed && attempt.blockBegan)).toBe(false);
  });

  it('a right password gives its counted point back and ends the streak', async () => {
    const login = await limiter();
    for (let i = 0; i < FREE_FAILURES - 1; i++) {
      const attempt = await login.begin('wang@example.cn', '198.51.100.1');
      if (attempt.allowed) await attempt.failed();
    }
    const right = await login.begin('wang@example.cn', '198.51.100.1');
    expect(right.allowed).toBe(true);
    if (right.allowed) await right.succeeded();
    for (let i = 0; i < FREE_FAILURES - 1; i++) {
      const attempt = await login.begin('wang@example.cn', '198.51.100.1');
      expect(attempt.allowed && (await attempt.failed())).toBe(0);
    }
  });

  it('says which refusal started an address block, once', async () => {
    const login = await limiter();
    for (let i = 0; i < IP_FAILURES_PER_DAY; i++) {
      const attempt = await login.begin(`user${i}@example.cn`, '2001:db8:1:2::9');
      if (attempt.allowed) await attempt.failed();
    }
    const refusals = [];
    for (let i = 0; i < 5; i++) refusals.push(await login.begin(`late${i}@example.cn`, '2001:db8:1:2::9'));
    expect(refusals.map((attempt) => !attempt.allowed && attempt.blockBegan)).toEqual([
      true,
      false,
      false,
      false,
      false,
    ]);
  });

  it('refuses an address for a day once it failed too often over many accounts', async () => {
    const login = await limiter();
    for (let i = 0; i <= IP_FAILURES_PER_DAY; i++)
      await failOnce(login, `user${i}@example.cn`, '2001:db8:1:2::9');
    const refused = await login.check('fresh@example.cn', '2001:db8:1:2::abcd');
    expect(refused.allowed).toBe(false);
    expect(refused.allowed === false && refused.retryAfterSeconds).toBeGreaterThan(23 * 60 * 60);
    expect(await login.check('fresh@example.cn', '2001:db8:1:3::1')).toEqual({ allowed: true });
  });
});
