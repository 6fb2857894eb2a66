import { USER_ROLES } from '@flowdesk/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../auth/secrets.ts';
import { resolveSession, SESSION_COOKIE, startSession } from '../../auth/sessions.ts';
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
  const cookies = new Map<string, string>();
  const jar: CookieJar = {
    set: (name, value) => cookies.set(name, value),
    clear: (name) => cookies.delete(name),
  };
  return { jar, cookies };
}

const tokenOf = (link: string) => link.slice(link.lastIndexOf('/') + 1);
const NON_ADMINS = USER_ROLES.filter((role) => role !== 'admin');

describe('users router: role policy', () => {
  it('lets only admins read and change users and people settings', async () => {
    for (const role of NON_ADMINS) {
      const caller = bed.callerAs(bed.users[role]).users;
      await expect(caller.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(caller.invite({ email: 'x@example.com', role: 'agent' })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await expect(caller.deactivate({ userId: 'user-viewer' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(caller.settings()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(bed.callerAs(null).users.list()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const listed = await bed.callerAs(bed.users.admin).users.list();
    expect(listed.users.map((user) => user.role).sort()).toEqual([...USER_ROLES].sort());
    expect(JSON.stringify(listed)).not.toContain('passwordHash');
    expect(listed.users.every((user) => user.active)).toBe(true);
  });
});

describe('users router: invitations', () => {
  it('invites by email with a one-time link that signs the new agent in, then refuses it again', async () => {
    const admin = bed.callerAs(bed.users.admin).users;
    const invited = await admin.invite({ email: 'New.Agent@example.com', role: 'agent' });
    expect(invited.link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(invited.expiresAt).toBe('2026-11-25T08:00:00.000Z');
    // Only the hash is stored.
    const stored = await bed.store.invitations.get(invited.id);
    expect(JSON.stringify(stored)).not.toContain(tokenOf(invited.link));
    expect((await admin.list()).invitations.map((entry) => entry.email)).toEqual(['New.Agent@example.com']);

    const token = tokenOf(invited.link);
    const anonymous = bed.callerAs(null, { cookies: recordingJar().jar });
    await expect(anonymous.auth.invitation({ token })).resolves.toMatchObject({
      email: 'New.Agent@example.com',
      role: 'agent',
    });
    const { jar, cookies } = recordingJar();
    const accepted = await bed.callerAs(null, { cookies: jar }).auth.acceptInvitation({
      token,
      name: 'Xiao Chen',
      password: 'a long new password',
      locale: 'zh-CN',
    });
    expect(accepted.user).toMatchObject({
      role: 'agent',
      name: 'Xiao Chen',
      locale: 'zh-CN',
      mustChangePassword: false,
    });
    const signedIn = await resolveSession(bed.store, cookies.get(SESSION_COOKIE), bed.clock.now());
    expect(signedIn?.email).toBe('New.Agent@example.com');

    const usersBefore = (await bed.store.users.list()).length;
    await expect(anonymous.auth.invitation({ token })).rejects.toMatchObject({
      code: 'CONFLICT',
      cause: { code: 'invitation_used' },
    });
    const reused = await anonymous.auth
      .acceptInvitation({ token, name: 'Mallory', password: 'another password!', locale: 'en' })
      .then(
        () => undefined,
        (error: unknown) => error as { code: string; cause: { code: string; messages: object } },
      );
    expect(reused).toMatchObject({ code: 'CONFLICT', cause: { code: 'invitation_used' } });
    expect(reused?.cause.messages).toMatchObject({ en: expect.stringContaining('used already') });
    expect((await bed.store.users.list()).length).toBe(usersBefore);
    expect((await admin.list()).invitations).toEqual([]);
  });

  it('refuses an expired, a withdrawn and an unknown link and changes nothing', async () => {
    const admin = bed.callerAs(bed.users.admin).users;
    await admin.updateSettings({ revealRoles: ['admin'], invitationHours: 1 });
    const expiring = await admin.invite({ email: 'late@example.com', role: 'viewer' });
    const withdrawn = await admin.invite({ email: 'gone@example.com', role: 'viewer' });
    await admin.revokeInvitation({ id: withdrawn.id });
    await expect(admin.revokeInvitation({ id: withdrawn.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    bed.clock.advance(60 * 60 * 1000);
    const anonymous = bed.callerAs(null);
    const accept = (link: string) =>
      anonymous.auth.acceptInvitation({
        token: tokenOf(link),
        name: 'N',
        password: 'long enough pw',
        locale: 'en',
      });
    await expect(accept(expiring.link)).rejects.toMatchObject({ cause: { code: 'invitation_expired' } });
    await expect(accept(withdrawn.link)).rejects.toMatchObject({ cause: { code: 'invitation_revoked' } });
    await expect(accept(`/invite/${'x'.repeat(43)}`)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      cause: { code: 'invitation_unknown' },
    });
    expect(await bed.store.users.getByEmail('late@example.com')).toBeNull();
    expect(await bed.store.users.getByEmail('gone@example.com')).toBeNull();
  });

  it('refuses to invite an email that has an account, and a short password', async () => {
    const admin = bed.callerAs(bed.users.admin).users;
    await expect(admin.invite({ email: 'AGENT@example.com', role: 'agent' })).rejects.toMatchObject({
      code: 'CONFLICT',
      cause: { code: 'user_email_taken' },
    });
    const invited = await admin.invite({ email: 'short@example.com', role: 'agent' });
    await expect(
      bed
        .callerAs(null)
        .auth.acceptInvitation({ token: tokenOf(invited.link), name: 'S', password: 'short', locale: 'en' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await bed.store.invitations.get(invited.id))?.acceptedAt).toBeNull();
  });

  it('sends the invitation by email while outgoing mail and the email channel are on, else only shows the link', async () => {
    const admin = bed.callerAs(bed.users.admin).users;
    const withoutSmtp = await admin.invite({ email: 'nosmtp@example.com', role: 'agent' });
    expect(withoutSmtp.emailQueued).toBe(false);
    expect(await bed.store.jobs.list({ kind: 'outbox.deliver' })).toEqual([]);
    bed.services.outgoingEmail = true;
    const invited = await admin.invite({ email: 'mail@example.com', role: 'agent' });
    expect(invited.emailQueued).toBe(true);
    const [job] = await bed.store.jobs.list({ kind: 'outbox.deliver' });
    expect(job?.payload).toMatchObject({ channel: 'email', to: 'mail@example.com' });
    expect((job?.payload as { body?: string } | undefined)?.body ?? '').toContain(invited.link);

    await bed.store.channelSettings.put({
      workspaceId: 'default',
      channel: 'email',
      enabled: false,
      settings: {},
      updatedAt: bed.clock.now().toISOString(),
    });
    const linkOnly = await admin.invite({ email: 'nomail@example.com', role: 'agent' });
    expect(linkOnly.emailQueued).toBe(false);
    expect(await bed.store.jobs.list({ kind: 'outbox.deliver' })).toHaveLength(1);
  });
});

describe('users router: accounts', () => {
  it('creates a user with a temporary password shown once, to be changed before anything else', async () => {
    const created = await bed
      .callerAs(bed.users.admin)
      .users.create({ email: 'temp@example.com', name: 'Temp', role: 'editor', locale: 'en' });
    expect(created.temporaryPassword).toHaveLength(24);
    expect(created.user).toMatchObject({ mustChangePassword: true, active: true });
    const { jar, cookies } = recordingJar();
    const signedIn = await bed
      .callerAs(null, { cookies: jar })
      .auth.login({ email: 'temp@example.com', password: created.temporaryPassword });
    expect(signedIn.user.mustChangePassword).toBe(true);
    const token = cookies.get(SESSION_COOKIE) ?? '';
    const user = await resolveSession(bed.store, token, bed.clock.now());
    const temp = bed.callerAs(user, { cookies: jar, sessionToken: token });
    await expect(temp.flows.list()).rejects.toMatchObject({
      code: 'FORBIDDEN',
      cause: { code: 'password_change_required' },
    });
    await expect(temp.auth.me()).resolves.toMatchObject({ mustChangePassword: true });
    await expect(
      temp.auth.changePassword({ currentPassword: 'wrong', newPassword: 'my own long password' }),
    ).rejects.toMatchObject({ cause: { code: 'password_wrong' } });
    const changed = await temp.auth.changePassword({
      currentPassword: created.temporaryPassword,
      newPassword: 'my own long password',
    });
    expect(changed.mustChangePassword).toBe(false);
    // This browser stays signed in; the new password works.
    const after = await resolveSession(bed.store, token, bed.clock.now());
    expect(after?.mustChangePassword).toBe(false);
    await expect(bed.callerAs(after).flows.list()).resolves.toBeDefined();
  });

  it('changes roles but never demotes or deactivates the last active admin', async () => {
    const admin = bed.callerAs(bed.users.admin).users;
    await expect(admin.setRole({ userId: 'user-admin', role: 'editor' })).rejects.toMatchObject({
      code: 'CONFLICT',
      cause: { code: 'last_admin' },
    });
    await expect(admin.deactivate({ userId: 'user-admin' })).rejects.toMatchObject({
      cause: { code: 'last_admin' },
    });
    expect(await admin.setRole({ userId: 'user-viewer', role: 'supervisor' })).toMatchObject({
      role: 'supervisor',
    });
    await admin.setRole({ userId: 'user-editor', role: 'admin' });
    // Another admin is active now, so the first may step down.
    expect(await admin.setRole({ userId: 'user-admin', role: 'agent' })).toMatchObject({ role: 'agent' });
    await expect(admin.setRole({ userId: 'ghost', role: 'agent' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const audit = await bed.store.audit.list();
    expect(JSON.stringify(audit)).toContain('user.role_change');
  });

  it('deactivates a user: their sessions end at once and sign-in is refused; reactivation lets them back', async () => {
    await bed.store.users.update('user-agent', { passwordHash: await hashPassword('agent password 1') });
    const session = await startSession(bed.store, 'user-agent', bed.clock.now());
    expect((await resolveSession(bed.store, session.token, bed.clock.now()))?.id).toBe('user-agent');
    const admin = bed.callerAs(bed.users.admin).users;
    expect(await admin.deactivate({ userId: 'user-agent' })).toMatchObject({ active: false });
    expect(await resolveSession(bed.store, session.token, bed.clock.now())).toBeNull();
    // A context built before the switch (a request in flight) is refused too.
    const stale = { ...bed.users.agent, deactivatedAt: bed.clock.now().toISOString() };
    await expect(bed.callerAs(stale).tickets.list()).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      cause: { code: 'account_deactivated' },
    });
    const refused = await bed
      .callerAs(null, { cookies: recordingJar().jar })
      .auth.login({ email: 'agent@example.com', password: 'agent password 1' })
      .catch((error: unknown) => error as { code: string; cause: { code: string } });
    expect(refused).toMatchObject({ code: 'UNAUTHORIZED', cause: { code: 'account_deactivated' } });
    await admin.reactivate({ userId: 'user-agent' });
    await expect(
      bed.callerAs(null, { cookies: recordingJar().jar }).auth.login({
        email: 'agent@example.com',
        password: 'agent password 1',
      }),
    ).resolves.toMatchObject({ user: { id: 'user-agent' } });
  });

  it('resets a password to a temporary one and signs a user out everywhere, oneself included', async () => {
    const first = await startSession(bed.store, 'user-viewer', bed.clock.now());
    await startSession(bed.store, 'user-viewer', bed.clock.now());
    const admin = bed.callerAs(bed.users.admin).users;
    expect(await admin.signOutEverywhere({ userId: 'user-viewer' })).toEqual({ sessions: 2 });
    expect(await resolveSession(bed.store, first.token, bed.clock.now())).toBeNull();

    const reset = await admin.resetPassword({ userId: 'user-viewer' });
    if (reset.mode !== 'temporary') throw new Error('expected a temporary password');
    expect(reset.temporaryPassword).toHaveLength(24);
    expect(reset.user.mustChangePassword).toBe(true);

    const own = await startSession(bed.store, 'user-editor', bed.clock.now());
    const { jar, cookies } = recordingJar();
    cookies.set(SESSION_COOKIE, own.token);
    expect(await bed.callerAs(bed.users.editor, { cookies: jar }).auth.signOutEverywhere()).toEqual({
      sessions: 1,
    });
    expect(cookies.has(SESSION_COOKIE)).toBe(false);
    expect(await resolveSession(bed.store, own.token, bed.clock.now())).toBeNull();
  });
});

describe('users router: password-reset link', () => {
  it('lets the person set a new password once with the link, signing out their other sessions', async () => {
    await bed.store.users.update('user-agent', { passwordHash: await hashPassword('old agent password') });
    const old = await startSession(bed.store, 'user-agent', bed.clock.now());
    const admin = bed.callerAs(bed.users.admin).users;
    const reset = await admin.resetPassword({ userId: 'user-agent', mode: 'link' });
    if (reset.mode !== 'link') throw new Error('expected a link');
    // Nothing changes until the link is used, and it is no invitation to join.
    expect(await resolveSession(bed.store, old.token, bed.clock.now())).not.toBeNull();
    expect((await admin.list()).invitations).toEqual([]);
    const token = tokenOf(reset.link);
    const anonymous = bed.callerAs(null, { cookies: recordingJar().jar });
    await expect(anonymous.auth.invitation({ token })).resolves.toMatchObject({
      email: 'agent@example.com',
      reset: true,
    });
    const { jar, cookies } = recordingJar();
    const done = await bed
      .callerAs(null, { cookies: jar })
      .auth.acceptInvitation({ token, password: 'brand new agent password', locale: 'en' });
    expect(done.user).toMatchObject({ id: 'user-agent', name: 'The agent', mustChangePassword: false });
    expect(await resolveSession(bed.store, old.token, bed.clock.now())).toBeNull();
    expect((await resolveSession(bed.store, cookies.get(SESSION_COOKIE), bed.clock.now()))?.id).toBe(
      'user-agent',
    );
    await expect(
      anonymous.auth.acceptInvitation({ token, password: 'another password 123', locale: 'en' }),
    ).rejects.toMatchObject({ cause: { code: 'invitation_used' } });
    await expect(
      bed.callerAs(null, { cookies: recordingJar().jar }).auth.login({
        email: 'agent@example.com',
        password: 'brand new agent password',
      }),
    ).resolves.toMatchObject({ user: { id: 'user-agent' } });
  });

  it('asks a newly invited person for a name', async () => {
    const invited = await bed
      .callerAs(bed.users.admin)
      .users.invite({ email: 'noname@example.com', role: 'viewer' });
    await expect(
      bed
        .callerAs(null)
        .auth.acceptInvitation({ token: tokenOf(invited.link), password: 'long password 1', locale: 'en' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', cause: { code: 'invitation_name_required' } });
    expect((await bed.store.invitations.get(invited.id))?.acceptedAt).toBeNull();
  });
});

describe('users router: people settings', () => {
  it('starts with admin, supervisor and agent revealing contacts, and 72 h invitations', async () => {
    const admin = bed.callerAs(bed.users.admin).users;
    expect(await admin.settings()).toEqual({
      revealRoles: ['admin', 'supervisor', 'agent'],
      invitationHours: 72,
    });
    expect(
      await admin.updateSettings({ revealRoles: ['agent', 'admin', 'agent'], invitationHours: 24 }),
    ).toEqual({
      revealRoles: ['admin', 'agent'],
      invitationHours: 24,
    });
    await expect(
      admin.updateSettings({ revealRoles: ['root' as never], invitationHours: 24 }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(admin.updateSettings({ revealRoles: [], invitationHours: 0 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(await admin.settings()).toEqual({ revealRoles: ['admin', 'agent'], invitationHours: 24 });
  });
});
