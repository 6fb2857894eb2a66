import type { Locale } from '@flowdesk/model';
import type { Invitation, User, UserRole } from '@flowdesk/store';
import type { AppServices } from '../app-deps.ts';
import { hashPassword, randomToken, sha256Hex } from '../auth/secrets.ts';
import { readChannel } from '../channels/channel-settings.ts';
import { AppError } from '../http/app-error.ts';
import { JOB_KINDS } from '../runtime/job-payloads.ts';
import { readPeopleSettings } from './people-settings.ts';

/**
 * One-time invitation links: the link carries a random token, the store only
 * its hash. A link works once, before it expires (people settings, 72 h by
 * default), unless an admin withdrew it; anything else is refused with a
 * message that says which, and nothing changes.
 */

export interface SentInvitation {
  invitation: Invitation;
  /** Shown to the admin to copy, whatever happens to the email. */
  link: string;
  /** True when outgoing mail is set up, the email channel is on and the invitation went to the outbox. */
  emailQueued: boolean;
}

export function invitationLink(services: AppServices, token: string): string {
  return `${services.links.base}/invite/${token}`;
}

export async function sendInvitation(
  services: AppServices,
  input: { email: string; role: UserRole; invitedBy: User },
): Promise<SentInvitation> {
  const { store, clock, ids } = services;
  if (await store.users.getByEmail(input.email)) {
    throw new AppError('conflict', 'user_email_taken', { params: { email: input.email }, pointer: '/email' });
  }
  const now = clock.now();
  const { invitationHours } = await readPeopleSettings(store);
  const token = randomToken(32);
  const link = invitationLink(services, token);
  // Queued only where it can leave: without an SMTP server the admin hands the link over alone.
  const emailing = services.outgoingEmail === true && (await readChannel(store, 'email')).enabled;
  const invitation = await store.transaction(async (tx) => {
    const created = await tx.invitations.create({
      id: ids.next(),
      tokenHash: sha256Hex(token),
      email: input.email,
      role: input.role,
      invitedBy: input.invitedBy.id,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + invitationHours * 3_600_000).toISOString(),
    });
    if (emailing) {
      await tx.jobs.enqueue({
        id: ids.next(),
        kind: JOB_KINDS.deliver,
        runAt: now.toISOString(),
        payload: invitationEmail(input.email, input.invitedBy, link, input.invitedBy.locale, invitationHours),
        idempotencyKey: `invitation:${created.id}`,
        now: now.toISOString(),
      });
    }
    return created;
  });
  return { invitation, link, emailQueued: emailing };
}

function invitationEmail(to: string, from: User, link: string, locale: Locale, hours: number) {
  const subject =
    locale === 'zh-CN' ? `${from.name} 邀请您加入 FlowDesk` : `${from.name} invites you to FlowDesk`;
  const body =
    locale === 'zh-CN'
      ? `您好，\n\n${from.name} 邀请您使用 FlowDesk。请在 ${hours} 小时内打开以下链接，设置姓名和密码：\n\n${link}\n\n此链接只能使用一次。`
      : `Hello,\n\n${from.name} invites you to FlowDesk. Open this link within ${hours} hours to set your name and password:\n\n${link}\n\nThe link works once.`;
  return { channel: 'email', to, subject, body };
}

/**
 * A one-time link that lets an existing person set a new password (an
 * invitation row holding their account from the start). Their password and
 * sessions stay as they are until the link is used.
 */
export async function sendResetLink(
  services: AppServices,
  input: { user: User; issuedBy: User },
): Promise<{ invitation: Invitation; link: string }> {
  const { store, clock, ids } = services;
  const now = clock.now();
  const { invitationHours } = await readPeopleSettings(store);
  const token = randomToken(32);
  const invitation = await store.invitations.create({
    id: ids.next(),
    tokenHash: sha256Hex(token),
    email: input.user.email,
    role: input.user.role,
    invitedBy: input.issuedBy.id,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + invitationHours * 3_600_000).toISOString(),
    userId: input.user.id,
  });
  return { invitation, link: invitationLink(services, token) };
}

/** The invitation a token opens, or the translated reason it does not. */
export async function openInvitation(services: AppServices, token: string): Promise<Invitation> {
  const invitation = await services.store.invitations.getByTokenHash(sha256Hex(token));
  if (!invitation) throw new AppError('not_found', 'invitation_unknown');
  if (invitation.acceptedAt) throw new AppError('conflict', 'invitation_used');
  if (invitation.revokedAt) throw new AppError('conflict', 'invitation_revoked');
  if (invitation.expiresAt <= services.clock.now().toISOString()) {
    throw new AppError('conflict', 'invitation_expired');
  }
  return invitation;
}

/**
 * Makes the invited person's account and marks the link used, in one
 * transaction: two tabs accepting at once make one account, and the other
 * gets "used".
 */
export async function acceptInvitation(
  services: AppServices,
  input: { token: string; name?: string | undefined; password: string; locale: Locale },
): Promise<{ user: User; reset: boolean }> {
  const invitation = await openInvitation(services, input.token);
  const { store, clock, ids } = services;
  const passwordHash = await hashPassword(input.password);
  const now = clock.now().toISOString();
  if (invitation.userId)
    return { user: await resetWithLink(services, invitation, passwordHash, now), reset: true };
  if (!input.name) throw new AppError('bad_request', 'invitation_name_required', { pointer: '/name' });
  const name = input.name;
  const userId = ids.next();
  const user = await store.transaction(async (tx) => {
    if (!(await tx.invitations.accept(invitation.tokenHash, userId, now))) {
      throw new AppError('conflict', 'invitation_used');
    }
    if (await tx.users.getByEmail(invitation.email)) {
      throw new AppError('conflict', 'user_email_taken', { params: { email: invitation.email } });
    }
    return tx.users.create({
      id: userId,
      email: invitation.email,
      name,
      role: invitation.role,
      passwordHash,
      locale: input.locale,
      createdAt: now,
    });
  });
  return { user, reset: false };
}

/** A reset link sets the account's own password; its other sessions end, as after any password change. */
function resetWithLink(
  services: AppServices,
  invitation: Invitation,
  passwordHash: string,
  now: string,
): Promise<User> {
  const userId = invitation.userId as string;
  return services.store.transaction(async (tx) => {
    const user = await tx.users.get(userId);
    if (!user) throw new AppError('not_found', 'invitation_unknown');
    if (user.deactivatedAt !== null) throw new AppError('unauthenticated', 'account_deactivated');
    if (!(await tx.invitations.accept(invitation.tokenHash, userId, now))) {
      throw new AppError('conflict', 'invitation_used');
    }
    await tx.sessions.deleteForUser(userId);
    return (await tx.users.update(userId, { passwordHash, mustChangePassword: false })) as User;
  });
}
