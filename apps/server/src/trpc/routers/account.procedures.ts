import { LOCALES } from '@flowdesk/model';
import { z } from 'zod';
import { auditCall, recordAudit } from '../../audit/audit-log.ts';
import { ROLES } from '../../auth/roles.ts';
import { hashPassword, sha256Hex, verifyPassword } from '../../auth/secrets.ts';
import { SESSION_COOKIE, startSession } from '../../auth/sessions.ts';
import { AppError } from '../../http/app-error.ts';
import { acceptInvitation, openInvitation } from '../../people/invitations.ts';
import { publicUser } from '../../people/public-user.ts';
import { actorOf, procedure } from '../trpc.ts';

/**
 * The signed-in person's own account (password, signing out everywhere) and
 * the public end of an invitation link. Spread into the auth router.
 */

/** A password someone chooses: long enough to resist guessing, short enough to hash. */
export const NewPasswordSchema = z.string().min(10).max(256);

const InvitationToken = z.string().trim().min(20).max(200);

export const accountProcedures = {
  /** What the invitation page shows before the person sets a name and password. */
  invitation: procedure
    .meta({ public: true })
    .input(z.strictObject({ token: InvitationToken }))
    .query(async ({ ctx, input }) => {
      const invitation = await openInvitation(ctx.services, input.token);
      return {
        email: invitation.email,
        role: invitation.role,
        expiresAt: invitation.expiresAt,
        /** A password-reset link for an existing account: only the new password is asked for. */
        reset: invitation.userId !== null,
      };
    }),

  /** Makes the account, marks the link used and signs the person in. */
  acceptInvitation: procedure
    .meta({ public: true })
    .input(
      z.strictObject({
        token: InvitationToken,
        /** Required to join; a reset link keeps the account's name. */
        name: z.string().trim().min(1).max(120).optional(),
        password: NewPasswordSchema,
        locale: z.enum(LOCALES),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { user, reset } = await acceptInvitation(ctx.services, input);
      const session = await startSession(ctx.services.store, user.id, ctx.services.clock.now());
      ctx.cookies.set(SESSION_COOKIE, session.token, { expires: session.expiresAt });
      await recordAudit(ctx.services, {
        actor: { kind: 'user', id: user.id, label: user.email },
        action: 'user.invitation_accepted',
        target: `user:${user.id}`,
        ip: ctx.ip,
        details: { role: user.role, reset },
      });
      return { user: publicUser(user), expiresAt: session.expiresAt.toISOString() };
    }),

  /** The current password is required, so a browser left signed in cannot be taken over. */
  changePassword: procedure
    .meta({ roles: ROLES.anyone, contacts: 'none', temporaryPassword: 'allowed' })
    .input(z.strictObject({ currentPassword: z.string().min(1).max(1024), newPassword: NewPasswordSchema }))
    .mutation(async ({ ctx, input }) => {
      const { store } = ctx.services;
      const user = actorOf(ctx);
      if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
        await auditCall(
          ctx,
          'user.password_change',
          `user:${user.id}`,
          { reason: 'wrong_password' },
          'failure',
        );
        throw new AppError('bad_request', 'password_wrong', { pointer: '/currentPassword' });
      }
      if (input.currentPassword === input.newPassword) {
        throw new AppError('bad_request', 'password_same', { pointer: '/newPassword' });
      }
      const passwordHash = await hashPassword(input.newPassword);
      const currentHash = ctx.sessionToken ? sha256Hex(ctx.sessionToken) : null;
      // Other browsers signed in with the old password are signed out; this one stays.
      const updated = await store.transaction(async (tx) => {
        const current = currentHash
          ? await tx.sessions.get(currentHash, ctx.services.clock.now().toISOString())
          : null;
        await tx.sessions.deleteForUser(user.id);
        if (current) await tx.sessions.create(current);
        return tx.users.update(user.id, { passwordHash, mustChangePassword: false });
      });
      if (!updated) throw new AppError('unauthenticated', 'not_logged_in');
      await auditCall(ctx, 'user.password_change', `user:${user.id}`);
      return publicUser(updated);
    }),

  /** Ends every session of the caller, this one included. */
  signOutEverywhere: procedure
    .meta({ roles: ROLES.anyone, contacts: 'none', temporaryPassword: 'allowed' })
    .input(z.void())
    .mutation(async ({ ctx }) => {
      const user = actorOf(ctx);
      const ended = await ctx.services.store.sessions.deleteForUser(user.id);
      ctx.cookies.clear(SESSION_COOKIE);
      await auditCall(ctx, 'user.sign_out_everywhere', `user:${user.id}`, { sessions: ended });
      return { sessions: ended };
    }),
};
