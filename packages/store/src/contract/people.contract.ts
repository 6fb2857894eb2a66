import { describe, expect, it } from 'vitest';
import type { NewInvitation } from '../port/people.types.ts';
import { isStoreError } from '../port/store-error.ts';
import { at, type ContractContext } from './contract-context.ts';

function invitation(id: string, expiresAt = at(1000)): NewInvitation {
  return {
    id,
    tokenHash: `hash-${id}`,
    email: `${id}@example.com`,
    role: 'agent',
    invitedBy: 'admin-1',
    createdAt: at(0),
    expiresAt,
  };
}

export function describePeopleContract(ctx: ContractContext): void {
  describe('people: user status, invitations and workspace settings', () => {
    it('creates users active with their own password, and deactivates and reactivates them', async () => {
      const store = ctx.store();
      const created = await store.users.create({
        id: 'u1',
        email: 'a@example.com',
        name: 'A',
        role: 'agent',
        passwordHash: 'h',
        locale: 'en',
        createdAt: at(0),
      });
      expect(created).toMatchObject({ deactivatedAt: null, mustChangePassword: false });
      const off = await store.users.update('u1', { deactivatedAt: at(5), mustChangePassword: true });
      expect(off).toMatchObject({ deactivatedAt: at(5), mustChangePassword: true });
      expect(await store.users.get('u1')).toMatchObject({ deactivatedAt: at(5), mustChangePassword: true });
      await store.users.update('u1', { deactivatedAt: null, mustChangePassword: false });
      expect(await store.users.getByEmail('A@example.com')).toMatchObject({
        deactivatedAt: null,
        mustChangePassword: false,
      });
      const temporary = await store.users.create({
        id: 'u2',
        email: 'b@example.com',
        name: 'B',
        role: 'viewer',
        passwordHash: 'h',
        locale: 'en',
        createdAt: at(0),
        mustChangePassword: true,
      });
      expect(temporary.mustChangePassword).toBe(true);
    });

    it('accepts an invitation once, never after it expired or was revoked', async () => {
      const store = ctx.store();
      const created = await store.invitations.create(invitation('i1'));
      expect(created).toMatchObject({ id: 'i1', acceptedAt: null, revokedAt: null, userId: null });
      expect(await store.invitations.getByTokenHash('hash-i1')).toEqual(created);
      expect(await store.invitations.accept('hash-i1', 'u1', at(1000))).toBe(false);
      expect(await store.invitations.accept('hash-i1', 'u1', at(10))).toBe(true);
      expect(await store.invitations.accept('hash-i1', 'u2', at(11))).toBe(false);
      expect(await store.invitations.get('i1')).toMatchObject({ acceptedAt: at(10), userId: 'u1' });
      expect(await store.invitations.revoke('i1', at(12))).toBe(false);

      await store.invitations.create(invitation('i2'));
      expect(await store.invitations.revoke('i2', at(3))).toBe(true);
      expect(await store.invitations.revoke('i2', at(4))).toBe(false);
      expect(await store.invitations.accept('hash-i2', 'u3', at(5))).toBe(false);
      expect(await store.invitations.getByTokenHash('hash-i2')).toMatchObject({
        revokedAt: at(3),
        userId: null,
      });
      expect(await store.invitations.getByTokenHash('unknown')).toBeNull();
    });

    it('keeps the account a password-reset link is for, and accepts it once', async () => {
      const store = ctx.store();
      const created = await store.invitations.create({ ...invitation('r1'), userId: 'u9' });
      expect(created).toMatchObject({ userId: 'u9', acceptedAt: null });
      expect(await store.invitations.accept('hash-r1', 'u9', at(10))).toBe(true);
      expect(await store.invitations.accept('hash-r1', 'u9', at(11))).toBe(false);
      expect(await store.invitations.get('r1')).toMatchObject({ userId: 'u9', acceptedAt: at(10) });
    });

    it('lists open invitations newest first and refuses a duplicate token', async () => {
      const store = ctx.store();
      await store.invitations.create(invitation('old', at(500)));
      await store.invitations.create({ ...invitation('new'), createdAt: at(20) });
      await store.invitations.create(invitation('gone'));
      await store.invitations.revoke('gone', at(1));
      expect((await store.invitations.listOpen(at(100))).map((entry) => entry.id)).toEqual(['new', 'old']);
      expect((await store.invitations.listOpen(at(500))).map((entry) => entry.id)).toEqual(['new']);
      const duplicate = await store.invitations
        .create({ ...invitation('other'), tokenHash: 'hash-new' })
        .catch((caught: unknown) => caught);
      expect(isStoreError(duplicate, 'duplicate')).toBe(true);
    });

    it('keeps one JSON value per workspace setting', async () => {
      const store = ctx.store();
      expect(await store.workspaceSettings.get('privacy.revealRoles')).toBeNull();
      await store.workspaceSettings.set('privacy.revealRoles', ['admin', 'agent'], at(0));
      await store.workspaceSettings.set('privacy.revealRoles', ['admin'], at(1));
      await store.workspaceSettings.set('other', { hours: 72 }, at(1));
      expect(await store.workspaceSettings.get('privacy.revealRoles')).toEqual(['admin']);
      expect(await store.workspaceSettings.get('other')).toEqual({ hours: 72 });
    });

    it('commits an acceptance and the new account together, or neither', async () => {
      const store = ctx.store();
      await store.invitations.create(invitation('i1'));
      const failed = await store
        .transaction(async (tx) => {
          await tx.invitations.accept('hash-i1', 'u1', at(10));
          throw new Error('account refused');
        })
        .catch((caught: unknown) => caught);
      expect(failed).toBeInstanceOf(Error);
      expect(await store.invitations.get('i1')).toMatchObject({ acceptedAt: null });
    });
  });
}
