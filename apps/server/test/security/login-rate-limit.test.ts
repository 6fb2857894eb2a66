import { afterEach, describe, expect, it } from 'vitest';
import { FREE_FAILURES } from '../../src/auth/login-rate-limit.ts';
import { hashPassword } from '../../src/auth/secrets.ts';
import { loadServerConfig } from '../../src/config/server-config.ts';
import {
  createTestBed,
  type RunningServer,
  startServer,
  type TestBed,
} from '../../src/testing/server-test-kit.ts';

/**
 * Finding 2 of the security review: proxy headers were believed from every
 * loopback and private address (every client arriving through a Docker
 * published port), and the login limit counted per email + address. Twelve
 * wrong passwords with a new X-Forwarded-For each all got 401; and five
 * failures from a shared address locked the real user out for 15 minutes.
 * The real app listens on 127.0.0.1; the attacker and the user are fetch calls.
 */

const EMAIL = 'wang@desk.example';
const PASSWORD = 'the right password 123';

interface Answer {
  status: number;
  retryAfter: string | null;
  message: string | undefined;
  appCode: unknown;
}

describe('sign-in limits (finding 2)', () => {
  let bed: TestBed;
  let server: RunningServer;

  async function start(trustProxy?: string): Promise<void> {
    const env = trustProxy ? { FLOWDESK_TRUST_PROXY: trustProxy } : {};
    bed = await createTestBed({ trustProxy: loadServerConfig(env).trustProxy });
    await bed.store.users.create({
      id: 'user-wang',
      email: EMAIL,
      name: 'Wang',
      role: 'agent',
      passwordHash: await hashPassword(PASSWORD),
      locale: 'zh-CN',
      createdAt: bed.clock.now().toISOString(),
    });
    server = await startServer(bed);
  }

  afterEach(async () => {
    await server.close();
    await bed.close();
  });

  async function login(email: string, password: string, forwardedFor?: string): Promise<Answer> {
    const response = await fetch(`${server.baseUrl}/trpc/auth.login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'accept-language': 'zh-CN',
        ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
      },
      body: JSON.stringify({ email, password }),
    });
    const body = (await response.json()) as { error?: { message: string; data: { appCode: unknown } } };
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      message: body.error?.message,
      appCode: body.error?.data.appCode,
    };
  }

  it('12 wrong passwords with a new X-Forwarded-For each are refused with 429 before the 12th', async () => {
    await start();
    const answers: Answer[] = [];
    for (let i = 0; i < 12; i++) answers.push(await login(EMAIL, `guess ${i}`, `198.51.100.${i + 1}`));
    const firstRefused = answers.findIndex((answer) => answer.status === 429);
    expect(firstRefused).toBeGreaterThan(0);
    expect(firstRefused).toBeLessThan(11);
    expect(answers.slice(0, firstRefused).every((answer) => answer.status === 401)).toBe(true);
    const refused = answers[firstRefused];
    expect(Number(refused?.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(refused?.appCode).toBe('login_rate_limited');
    expect(refused?.message).toBe(`登录尝试过多，请 ${refused?.retryAfter} 秒后再试`);
  });

  it('failures from a shared address delay the real user only as long as the account backoff says', async () => {
    await start('127.0.0.1');
    const shared = '203.0.113.50';
    for (let i = 0; i < 5; i++) expect((await login(EMAIL, `guess ${i}`, shared)).status).toBe(401);
    // Five failures in a row: the account waits one second, from any address.
    const early = await login(EMAIL, PASSWORD, '198.51.100.7');
    expect(early.status).toBe(429);
    expect(early.retryAfter).toBe('1');
    await new Promise((resolve) => setTimeout(resolve, Number(early.retryAfter) * 1000 + 100));
    // Then the right password works, from the shared address too.
    expect((await login(EMAIL, PASSWORD, shared)).status).toBe(200);
    // And the success cleared the streak: one more typo is not delayed.
    expect((await login(EMAIL, 'typo', shared)).status).toBe(401);
    expect((await login(EMAIL, PASSWORD, shared)).status).toBe(200);
  });

  async function signInEntries(outcome: string): Promise<number> {
    const page = await bed.store.audit.list({ action: 'auth.sign_in', limit: 500 });
    return page.items.filter((entry) => entry.outcome === outcome).length;
  }

  it('a burst of concurrent wrong passwords is evaluated at most FREE_FAILURES + 1 times', async () => {
    await start();
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => login(EMAIL, `burst guess ${i}`, `198.51.100.${i + 1}`)),
    );
    // Every evaluated guess is audited as a failure and answered 401; the rest never reach the password.
    const evaluated = answers.filter((answer) => answer.status === 401).length;
    expect(evaluated).toBeLessThanOrEqual(FREE_FAILURES + 1);
    expect(await signInEntries('failure')).toBe(evaluated);
    expect(answers.filter((answer) => answer.status === 429).length).toBe(60 - evaluated);
    // The refused ones did not count as failures: the block is the one the evaluated failures earned.
    const after = await login(EMAIL, 'one more', '198.51.100.200');
    expect(after.status).toBe(429);
    expect(Number(after.retryAfter)).toBeLessThanOrEqual(2 ** (evaluated - FREE_FAILURES));
  });

  it('50 refused sign-ins add at most one denied entry to the audit log', async () => {
    await start();
    for (let i = 0; i < FREE_FAILURES; i++) expect((await login(EMAIL, `guess ${i}`)).status).toBe(401);
    const before = await signInEntries('denied');
    const answers: Answer[] = [];
    for (let i = 0; i < 50; i++) answers.push(await login(EMAIL, `refused ${i}`));
    // On a slow machine the one-second block may end during the loop: a guess evaluated then is a failure.
    const evaluatedLater = (await signInEntries('failure')) - FREE_FAILURES;
    expect(evaluatedLater).toBeLessThanOrEqual(1);
    expect(answers.filter((answer) => answer.status === 429).length).toBe(50 - evaluatedLater);
    expect((await signInEntries('denied')) - before).toBeLessThanOrEqual(1);
  });

  it('with FLOWDESK_TRUST_PROXY=127.0.0.1 the forwarded address is the one limited per day', async () => {
    await start('127.0.0.1');
    const guesser = '203.0.113.66';
    // Slow guessing over many accounts (unknown ones included) from one address.
    for (let i = 0; i <= 100; i++) await login(`someone${i}@desk.example`, 'guess', guesser);
    const refused = await login(EMAIL, PASSWORD, guesser);
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(23 * 60 * 60);
    // The proxy's other clients are not that address.
    expect((await login(EMAIL, PASSWORD, '198.51.100.20')).status).toBe(200);
  }, 60_000);
});
