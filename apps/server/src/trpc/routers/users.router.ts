import { LOCALES } from '@flowdesk/model';
import { USER_ROLES } from '@flowdesk/store';
import { z } from 'zod';
import { auditCall } from '../../audit/audit-log.ts';
import { ROLES } from '../../auth/roles.ts';
import { AppError } from '../../http/app-error.ts';
import { sendInvitation, sendResetLink } from '../../people/invitations.ts';
import {
  PeopleSettingsSchema,
  readPeopleSettings,
  writePeopleSettings,
} from '../../people/people-settings.ts';
import { userRow } from '../../people/public-user.ts';
import {
  changeRole,
  createUserWithTemporaryPassword,
  deactivate,
  reactivate,
  resetPassword,
  signOutEverywhere,
} from '../../people/user-admin.ts';
import { actorOf, procedure, router } from '../trpc.ts';

/**
 * Settings → Users, for admins: accounts and open invitations, and the people
 * settings (who may reveal a contact, how long an invitation lasts). Every
 * change is audited; temporary passwords and invitation links are answered
 * once and never stored whole.
 */

const Email = z.string().trim().email().max(320);
const Role = z.enum(USER_ROLES);
const UserIdInput = z.strictObject({ userId: z.string().min(1).max(200) });
// Answers name staff accounts, never customers: nothing to mask.
const admins = { roles: ROLES.admins, contacts: 'none' } as const;

export const usersRouter = router({
  /** Accounts by email, then the invitations nobody has used yet (newest first). */
  list: procedure
    .meta(admins)
    .input(z.void())
    .query(async ({ ctx }) => {
      const { store, clock } = ctx.services;
      const users = await store.users.list();
      // Reset links (which hold their account from the start) are not invitations to join.
      const invitations = (await store.invitations.listOpen(clock.now().toISOString())).filter(
        (invitation) => invitation.userId === null,
      );
      return {
        users: users.map(userRow),
        invitations: invitations.map((invitation) => ({
          id: invitation.id,
          email: invitation.email,
          role: invitation.role,
          createdAt: invitation.createdAt,
          expiresAt: invitation.expiresAt,
        })),
      };
    }),

  invite: procedure
    .meta(admins)
    .input(z.strictObject({ email: Email, role: Role }))
    .mutation(async ({ ctx, input }) => {
      const sent = await sendInvitation(ctx.services, { ...input, invitedBy: actorOf(ctx) });
      await auditCall(ctx, 'user.invite', `invitation:${sent.invitation.id}`, {
        email: input.email,
        role: input.role,
        emailQueued: sent.emailQueued,
      });
      return {
        id: sent.invitation.id,
        email: sent.invitation.email,
        expiresAt: sent.invitation.expiresAt,
        link: sent.link,
        emailQueued: sent.emailQueued,
      };
    }),

  revokeInvitation: procedure
    .meta(admins)
    .input(z.strictObject({ id: z.string().min(1).max(200) }))
    .mutation(async ({ ctx, input }) => {
      const revoked = await ctx.services.store.invitations.revoke(
        input.id,
        ctx.services.clock.now().toISOString(),
      );
      if (!revoked) throw new AppError('not_found', 'invitation_not_found', { params: { id: input.id } });
      await auditCall(ctx, 'user.invitation_revoke', `invitation:${input.id}`);
      return { ok: true as const };
    }),

  /** An account with a temporary password, answered once; it must be changed at first sign-in. */
  create: procedure
    .meta(admins)
    .input(
      z.strictObject({
        email: Email,
        name: z.string().trim().min(1).max(120),
        role: Role,
        locale: z.enum(LOCALES).default('zh-CN'),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const created = await createUserWithTemporaryPassword(ctx.services, input);
      await auditCall(ctx, 'user.create', `user:${created.user.id}`, {
        email: input.email,
        role: input.role,
      });
      return { user: userRow(created.user), temporaryPassword: created.temporaryPassword };
    }),

  setRole: procedure
    .meta(admins)
    .input(z.strictObject({ userId: z.string().min(1).max(200), role: Role }))
    .mutation(async ({ ctx, input }) => {
      const before = await ctx.services.store.users.get(input.userId);
      const user = await changeRole(ctx.services, input.userId, input.role);
      await auditCall(ctx, 'user.role_change', `user:${user.id}`, {
        from: before?.role ?? null,
        to: user.role,
      });
      return userRow(user);
    }),

  deactivate: procedure
    .meta(admins)
    .input(UserIdInput)
    .mutation(async ({ ctx, input }) => {
      const user = await deactivate(ctx.services, input.userId);
      await auditCall(ctx, 'user.deactivate', `user:${user.id}`);
      return userRow(user);
    }),

  reactivate: procedure
    .meta(admins)
    .input(UserIdInput)
    .mutation(async ({ ctx, input }) => {
      const user = await reactivate(ctx.services, input.userId);
      await auditCall(ctx, 'user.reactivate', `user:${user.id}`);
      return userRow(user);
    }),

  /**
   * `temporary`: a new temporary password, answered once; the user's sessions end.
   * `link`: a one-time link to copy that lets them set a new password themselves.
   */
  resetPassword: procedure
    .meta(admins)
    .input(
      z.strictObject({
        userId: z.string().min(1).max(200),
        mode: z.enum(['temporary', 'link']).default('temporary'),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      if (input.mode === 'link') {
        const user = await ctx.services.store.users.get(input.userId);
        if (!user) throw new AppError('not_found', 'user_not_found', { params: { id: input.userId } });
        const sent = await sendResetLink(ctx.services, { user, issuedBy: actorOf(ctx) });
        await auditCall(ctx, 'user.password_reset', `user:${user.id}`, { mode: 'link' });
        return {
          mode: 'link' as const,
          user: userRow(user),
          link: sent.link,
          expiresAt: sent.invitation.expiresAt,
        };
      }
      const reset = await resetPassword(ctx.services, input.userId);
      await auditCall(ctx, 'user.password_reset', `user:${reset.user.id}`, { mode: 'temporary' });
      return {
        mode: 'temporary' as const,
        user: userRow(reset.user),
        temporaryPassword: reset.temporaryPassword,
      };
    }),

  signOutEverywhere: procedure
    .meta(admins)
    .input(UserIdInput)
    .mutation(async ({ ctx, input }) => {
      const sessions = await signOutEverywhere(ctx.services, input.userId);
      await auditCall(ctx, 'user.sign_out_everywhere', `user:${input.userId}`, { sessions });
      return { sessions };
    }),

  settings: procedure
    .meta(admins)
    .input(z.void())
    .query(({ ctx }) => readPeopleSettings(ctx.services.store)),

  updateSettings: procedure
    .meta(admins)
    .input(PeopleSettingsSchema)
    .mutation(async ({ ctx, input }) => {
      const before = await readPeopleSettings(ctx.services.store);
      const saved = await writePeopleSettings(ctx.services.store, input, ctx.services.clock.now());
      await auditCall(ctx, 'settings.people', 'workspace:people', {
        revealRoles: saved.revealRoles,
        invitationHours: saved.invitationHours,
        previousRevealRoles: before.revealRoles,
      });
      return saved;
    }),
});
