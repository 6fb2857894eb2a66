import { openSqliteStore, type Store } from '@flowdesk/store';
import { verify } from '@node-rs/argon2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../app-deps.ts';
import { bootstrapAdmin } from './bootstrap-admin.ts';

let store: Store;
beforeEach(async () => {
  store = await openSqliteStore({ path: ':memory:' });
});
afterEach(async () => {
  await store.close();
});

const now = new Date('2026-11-22T08:00:00.000Z');

describe('bootstrapAdmin', () => {
  it('creates the admin from the configured email and password, hashed with Argon2id', async () => {
    const printed: string[] = [];
    const outcome = await bootstrapAdmin(
      store,
      { admin: { email: 'boss@example.com', password: 'a-long-enough-secret' } },
      silentLogger,
      { id: 'admin-1', now, print: (line) => printed.push(line) },
    );
    expect(outcome.outcome).toBe('created');
    const user = await store.users.getByEmail('boss@example.com');
    expect(user?.role).toBe('admin');
    expect(user?.passwordHash.startsWith('$argon2id$')).toBe(true);
    expect(await verify(user?.passwordHash ?? '', 'a-long-enough-secret')).toBe(true);
    expect(printed).toEqual([]);
    const [entry] = (await store.audit.list()).items;
    expect(entry).toMatchObject({
      actor: { kind: 'system', id: 'bootstrap' },
      action: 'user.create',
      target: 'user:admin-1',
      details: { email: 'boss@example.com', role: 'admin', passwordGenerated: false },
    });
    expect(JSON.stringify(entry)).not.toContain('a-long-enough-secret');
  });

  it('generates a strong password and prints it once, in both languages', async () => {
    const printed: string[] = [];
    const print = (line: string) => printed.push(line);
    const outcome = await bootstrapAdmin(store, { admin: {} }, silentLogger, { id: 'admin-1', now, print });
    if (outcome.outcome !== 'created') throw new Error('expected an admin to be created');
    const password = outcome.generatedPassword ?? '';
    expect(password).toMatch(/^[A-Za-z2-9]{24}$/);
    const output = printed.join('\n');
    expect(output).toContain(password);
    expect(output).toContain('初始密码');
    expect(output).toContain('shown only this once');

    const again = await bootstrapAdmin(store, { admin: {} }, silentLogger, { id: 'admin-2', now, print });
    expect(again).toEqual({ outcome: 'existing' });
    expect(printed.join('\n').split(password)).toHaveLength(2);
    expect(await store.users.list()).toHaveLength(1);
  });

  it('lets replicas started together on a new database create one admin, and all of them start', async () => {
    // Both find no user before either creates one: what two `flowdesk serve` on one new file did,
    // and the second failed to start on the duplicate email (found by the soak, issue 17).
    const config = { admin: { email: 'boss@example.com', password: 'a-long-enough-secret' } };
    const outcomes = await Promise.all(
      ['admin-1', 'admin-2'].map((id) => bootstrapAdmin(store, config, silentLogger, { id, now })),
    );
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['created', 'existing']);
    expect((await store.users.list()).map((user) => user.email)).toEqual(['boss@example.com']);
    expect((await store.audit.list()).items).toHaveLength(1);
  });
});
