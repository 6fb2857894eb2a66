import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkApiKey } from '../../auth/api-keys.ts';
import { hashPassword } from '../../auth/secrets.ts';
import { resolveSession, SESSION_COOKIE } from '../../auth/sessions.ts';
import { createTestBed, type TestBed } from '../../testing/server-test-kit.ts';
import type { CookieJar } from '../context.ts';

let bed: TestBed;
beforeEach(async () => {
  bed = await createTestBed();
});
afterEach(async () => {
  await bed.close();
});

function recordingJar() {
  const cookies = new Map<string, { value: string; expires: Date }>();
  const jar: CookieJar = {
    set: (name, value, options) => cookies.set(name, { value, expires: options.expires }),
    clear: (name) => cookies.delete(name),
  };
  return { jar, cookies };
}

describe('auth router', () => {
  it('signs in with the right password, sets a 7-day session cookie, and signs out', async () => {
    await bed.store.users.update(bed.users.editor.id, {
      passwordHash: await hashPassword('correct horse battery'),
    });
    const { jar, cookies } = recordingJar();
    const result = await bed
      .callerAs(null, { cookies: jar })
      .auth.login({ email: 'EDITOR@example.com', password: 'correct horse battery' });
    expect(result.user).toEqual({
      id: 'user-editor',
      email: 'editor@example.com',
      name: 'The editor',
      role: 'editor',
      locale: 'en',
      mustChangePassword: false,
    });
    expect(result.user).not.toHaveProperty('passwordHash');
    const cookie = cookies.get(SESSION_COOKIE);
    expect(cookie?.expires.toISOString()).toBe('2026-11-29T08:00:00.000Z');
    const token = cookie?.value ?? '';
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect((await resolveSession(bed.store, token, bed.clock.now()))?.id).toBe('user-editor');

    const caller = bed.callerAs(null, { cookies: jar, sessionToken: token });
    await caller.auth.logout();
    expect(cookies.has(SESSION_COOKIE)).toBe(false);
    expect(await resolveSession(bed.store, token, bed.clock.now())).toBeNull();
  });

  it('refuses a wrong password and an unknown email alike, then rate-limits the address', async () => {
    await bed.store.users.update(bed.users.editor.id, {
      passwordHash: await hashPassword('correct horse battery'),
    });
    const anonymous = bed.callerAs(null);
    await expect(
      anonymous.auth.login({ email: 'editor@example.com', password: 'wrong' }),
    ).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    await expect(
      anonymous.auth.login({ email: 'ghost@example.com', password: 'wrong' }),
    ).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    for (let attempt = 2; attempt <= 5; attempt += 1) {
      await anonymous.auth.login({ email: 'editor@example.com', password: 'wrong' }).catch(() => undefined);
    }
    const refused = await anonymous.auth
      .login({ email: 'editor@example.com', password: 'correct horse battery' })
      .then(
        () => undefined,
        (error: unknown) => error as { code: string; cause?: { extra?: { retryAfterSeconds?: number } } },
      );
    expect(refused).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    // The backoff of the store-backed limiter (rate-limiter-flexible) runs on the real clock:
    // after 5 failures in a row the account waits 1 s, then the right password works.
    const waitSeconds = refused?.cause?.extra?.retryAfterSeconds ?? 1;
    expect(waitSeconds).toBeLessThanOrEqual(2);
    await new Promise((resolveWait) => setTimeout(resolveWait, waitSeconds * 1000 + 100));
    await expect(
      anonymous.auth.login({ email: 'editor@example.com', password: 'correct horse battery' }),
    ).resolves.toMatchObject({ user: { id: 'user-editor' } });
  });

  it('keeps the language picked on the sign-in page as the profile’s', async () => {
    await bed.store.users.update(bed.users.editor.id, {
      passwordHash: await hashPassword('correct horse battery'),
    });
    const anonymous = bed.callerAs(null, { cookies: recordingJar().jar });
    const signedIn = await anonymous.auth.login({
      email: 'editor@example.com',
      password: 'correct horse battery',
      locale: 'zh-CN',
    });
    expect(signedIn.user.locale).toBe('zh-CN');
    expect((await bed.store.users.get('user-editor'))?.locale).toBe('zh-CN');
    // Without a pick, the profile's language stays as it is.
    const again = await anonymous.auth.login({
      email: 'editor@example.com',
      password: 'correct horse battery',
    });
    expect(again.user.locale).toBe('zh-CN');
    await expect(
      anonymous.auth.login({
        email: 'editor@example.com',
        password: 'correct horse battery',
        locale: 'fr' as never,
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('remembers the language per user', async () => {
    const viewer = bed.callerAs(bed.users.viewer);
    await expect(viewer.auth.me()).resolves.toMatchObject({ locale: 'en' });
    await viewer.auth.setLocale({ locale: 'zh-CN' });
    expect((await bed.store.users.get(bed.users.viewer.id))?.locale).toBe('zh-CN');
    await expect(bed.callerAs(null).auth.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('api keys router', () => {
  it('shows a new key once, lists it without secrets, and revokes it', async () => {
    const admin = bed.callerAs(bed.users.admin);
    const created = await admin.apiKeys.create({ name: 'Web form', role: 'agent' });
    expect(created.secret).toMatch(/^fd_[A-Za-z0-9_-]{43}$/);
    expect(created.apiKey.prefix).toBe(created.secret.slice(0, 10));
    const listed = await admin.apiKeys.list();
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    expect(listed[0]).not.toHaveProperty('keyHash');
    expect((await checkApiKey(bed.store, created.secret)).outcome).toBe('valid');

    await admin.apiKeys.revoke({ id: created.apiKey.id });
    expect((await checkApiKey(bed.store, created.secret)).outcome).toBe('revoked');
    await expect(admin.apiKeys.revoke({ id: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(bed.callerAs(bed.users.editor).apiKeys.create({ name: 'x' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
