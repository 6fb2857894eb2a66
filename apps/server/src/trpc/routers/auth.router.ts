import { LOCALES } from '@flowdesk/model';
import { z } from 'zod';
import { recordAudit } from '../../audit/audit-log.ts';
import { ROLES } from '../../auth/roles.ts';
import { hashPassword, verifyPassword } from '../../auth/secrets.ts';
import { endSession, SESSION_COOKIE, startSession } from '../../auth/sessions.ts';
import { AppError } from '../../http/app-error.ts';
import { publicUser } from '../../people/public-user.ts';
import { actorOf, procedure, router } from '../trpc.ts';
import { accountProcedures } from './account.procedures.ts';

/**
 * Verifying against a real hash when the email is unknown keeps the answer time
 * the same, so response timing does not tell which emails have accounts.
 */
let decoyHash: Promise<string> | undefined;
function decoy(): Promise<string> {
  decoyHash ??= hashPassword('flowdesk-decoy-password');
  return decoyHash;
}

const LoginInput = z.strictObject({
  email: z.string().trim().min(3).max(320),
  password: z.string().min(1).max(1024),
  /** The language picked on the sign-in page: it becomes the profile's, so the app stays in it. */
  locale: z.enum(LOCALES).optional(),
});

export const authRouter = router({
  login: procedure
    .meta({ public: true })
    .input(LoginInput)
    .mutation(async ({ ctx, input }) => {
      const { store, clock, loginLimiter } = ctx.services;
      const now = clock.now();
      const attempt = await loginLimiter.begin(input.email, ctx.ip);
      if (!attempt.allowed) {
        // Refusals cost an anonymous caller nothing, so one row each would let
        // anyone fill the audit log. The failures that earned a block are
        // audited already (an account's block is in the failure's details); only
        // the refusal that starts an address's day-long block is written, once.
        if (attempt.blockBegan) {
          await recordAudit(ctx.services, {
            actor: { kind: 'user', id: input.email, label: input.email },
            action: 'auth.sign_in',
            ip: ctx.ip,
            outcome: 'denied',
            details: {
              reason: 'rate_limited',
              scope: 'address',
              blockedForSeconds: attempt.retryAfterSeconds,
            },
          });
        }
        throw new AppError('too_many_requests', 'login_rate_limited', {
          params: { seconds: attempt.retryAfterSeconds },
          extra: { retryAfterSeconds: attempt.retryAfterSeconds },
        });
      }
      const user = await store.users.getByEmail(input.email);
      const passwordOk = await verifyPassword(user?.passwordHash ?? (await decoy()), input.password);
      const signedIn = user !== null && passwordOk;
      const blockedForSeconds = signedIn ? 0 : await attempt.failed();
      if (signedIn) await attempt.succeeded();
      // The email as typed and why it failed; never the password.
      await recordAudit(ctx.services, {
        actor: { kind: 'user', id: user?.id ?? input.email, label: user?.email ?? input.email },
        action: 'auth.sign_in',
        target: user ? `user:${user.id}` : null,
        ip: ctx.ip,
        outcome: !signedIn ? 'failure' : user.deactivatedAt === null ? 'success' : 'denied',
        details: signedIn
          ? user.deactivatedAt === null
            ? {}
            : { reason: 'deactivated' }
          : {
              reason: user ? 'wrong_password' : 'unknown_email',
              ...(blockedForSeconds > 0 ? { blockedForSeconds } : {}),
            },
      });
      if (!signedIn) throw new AppError('unauthenticated', 'login_failed');
      // Said only to someone who knows the password: a stranger learns nothing about the account.
      if (user.deactivatedAt !== null) throw new AppError('unauthenticated', 'account_deactivated');
      const session = await startSession(store, user.id, now);
      ctx.cookies.set(SESSION_COOKIE, session.token, { expires: session.expiresAt });
      const signedInUser =
        input.locale && input.locale !== user.locale
          ? ((await store.users.update(user.id, { locale: input.locale })) ?? user)
          : user;
      return { user: publicUser(signedInUser), expiresAt: session.expiresAt.toISOString() };
    }),

  /** Public so a browser with a stale cookie can always clear it. */
  logout: procedure
    .meta({ public: true })
    .input(z.void())
    .mutation(async ({ ctx }) => {
      await endSession(ctx.services.store, ctx.sessionToken);
      ctx.cookies.clear(SESSION_COOKIE);
      return { ok: true as const };
    }),

  me: procedure
    // The caller's own account, never a customer's contact.
    .meta({ roles: ROLES.anyone, contacts: 'none', temporaryPassword: 'allowed' })
    .input(z.void())
    .query(({ ctx }) => publicUser(actorOf(ctx))),

  setLocale: procedure
    .meta({ roles: ROLES.anyone, contacts: 'none', temporaryPassword: 'allowed' })
    .input(z.strictObject({ locale: z.enum(LOCALES) }))
    .mutation(async ({ ctx, input }) => {
      const updated = await ctx.services.store.users.update(actorOf(ctx).id, { locale: input.locale });
      if (!updated) throw new AppError('unauthenticated', 'not_logged_in');
      return publicUser(updated);
    }),

  ...accountProcedures,
});
