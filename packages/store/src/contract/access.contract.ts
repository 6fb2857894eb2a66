import { describe, expect, it } from 'vitest';
import type { User } from '../port/access.types.ts';
import { isStoreError } from '../port/store-error.ts';
import { at, type ContractContext } from './contract-context.ts';

function user(id: string, email: string): User {
  return {
    id,
    email,
    name: `Name ${id}`,
    role: 'agent',
    passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$abc',
    locale: 'zh-CN',
    createdAt: at(0),
    deactivatedAt: null,
    mustChangePassword: false,
  };
}

export function describeAccessContract(ctx: ContractContext): void {
  describe('users, sessions and API keys', () => {
    it('finds users by email whatever the case and refuses the same email twice', async () => {
      const store = ctx.store();
      const created = await store.users.create(user('u1', 'Li.Na@Example.com'));
      expect(created).toEqual(user('u1', 'Li.Na@Example.com'));
      expect(await store.users.getByEmail('li.na@example.COM')).toEqual(created);
      expect(await store.users.get('u1')).toEqual(created);
      const sameEmail = await store.users
        .create(user('u2', 'LI.NA@example.com'))
        .catch((caught: unknown) => caught);
      expect(isStoreError(sameEmail, 'duplicate')).toBe(true);
      const sameId = await store.users
        .create(user('u1', 'other@example.com'))
        .catch((caught: unknown) => caught);
      expect(isStoreError(sameId, 'duplicate')).toBe(true);
    });

    it('updates a user, keeping emails unique', async () => {
      const store = ctx.store();
      await store.users.create(user('u1', 'a@example.com'));
      await store.users.create(user('u2', 'b@example.com'));
      const updated = await store.users.update('u1', {
        role: 'admin',
        locale: 'en',
        email: 'A2@example.com',
      });
      expect(updated).toMatchObject({
        id: 'u1',
        role: 'admin',
        locale: 'en',
        email: 'A2@example.com',
        name: 'Name u1',
      });
      expect(await store.users.getByEmail('a2@example.com')).toEqual(updated);
      expect(await store.users.getByEmail('a@example.com')).toBeNull();
      const taken = await store.users
        .update('u1', { email: 'B@example.com' })
        .catch((caught: unknown) => caught);
      expect(isStoreError(taken, 'duplicate')).toBe(true);
      expect(await store.users.update('missing', { name: 'x' })).toBeNull();
      expect((await store.users.list()).map((entry) => entry.id)).toEqual(['u1', 'u2']);
    });

    it('serves sessions until they expire and drops them with their user', async () => {
      const store = ctx.store();
      await store.users.create(user('u1', 'a@example.com'));
      await store.sessions.create({ tokenHash: 's1', userId: 'u1', createdAt: at(0), expiresAt: at(1000) });
      await store.sessions.create({ tokenHash: 's2', userId: 'u1', createdAt: at(0), expiresAt: at(9000) });
      expect(await store.sessions.get('s1', at(999))).toMatchObject({ userId: 'u1', expiresAt: at(1000) });
      expect(await store.sessions.get('s1', at(1000))).toBeNull();
      expect(await store.sessions.deleteExpired(at(1000))).toBe(1);
      expect(await store.sessions.get('s2', at(1000))).not.toBeNull();
      expect(await store.users.delete('u1')).toBe(true);
      expect(await store.sessions.get('s2', at(1000))).toBeNull();
      expect(await store.users.get('u1')).toBeNull();
    });

    it('deletes one session or all sessions of a user', async () => {
      const store = ctx.store();
      await store.users.create(user('u1', 'a@example.com'));
      for (const hash of ['s1', 's2', 's3']) {
        await store.sessions.create({ tokenHash: hash, userId: 'u1', createdAt: at(0), expiresAt: at(9000) });
      }
      expect(await store.sessions.delete('s1')).toBe(true);
      expect(await store.sessions.delete('s1')).toBe(false);
      expect(await store.sessions.deleteForUser('u1')).toBe(2);
    });

    it('stores API keys by hash and revokes them once', async () => {
      const store = ctx.store();
      const key = {
        id: 'k1',
        name: 'CRM sync',
        keyHash: 'sha256:abc',
        prefix: 'fd_live_ab',
        role: 'editor' as const,
        scopes: ['intake:write', 'tickets:read'],
        createdAt: at(0),
      };
      expect(await store.apiKeys.create(key)).toEqual({ ...key, revokedAt: null });
      await store.apiKeys.create({ ...key, id: 'k2', keyHash: 'sha256:def', scopes: [], createdAt: at(5) });
      expect(await store.apiKeys.getByHash('sha256:abc')).toMatchObject({ id: 'k1', scopes: key.scopes });
      expect((await store.apiKeys.list()).map((entry) => entry.id)).toEqual(['k2', 'k1']);
      expect(await store.apiKeys.revoke('k1', at(10))).toBe(true);
      expect(await store.apiKeys.revoke('k1', at(11))).toBe(false);
      expect(await store.apiKeys.get('k1')).toMatchObject({ revokedAt: at(10) });
      const sameHash = await store.apiKeys.create({ ...key, id: 'k3' }).catch((caught: unknown) => caught);
      expect(isStoreError(sameHash, 'duplicate')).toBe(true);
    });
  });
}
