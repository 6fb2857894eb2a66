import { randomUUID } from 'node:crypto';
import { isStoreBusyError, type User, type UserRole } from '@flowdesk/store';
import { initTRPC } from '@trpc/server';
import { z } from 'zod';
import { AppError } from '../http/app-error.ts';
import { zodIssueDetails } from '../http/zod-details.ts';
import { httpMessage } from '../messages/http.messages.ts';
import { maskAnswerFor, roleSeesContacts } from '../privacy/contact-masking.ts';
import type { TrpcContext } from './context.ts';
import { appErrorOf, toTrpcError } from './trpc-errors.ts';

/**
 * tRPC is initialised here, once. Every procedure must say who may call it
 * (`.meta({ roles })`, or `.meta({ public: true })` for sign-in); the policy
 * middleware refuses a procedure that says nothing, and a test walks the router
 * to catch one before it ships.
 */
export type ProcedurePolicy = (
  | { roles: readonly UserRole[]; public?: never }
  | { public: true; roles?: never }
) & {
  /**
   * Every answer is masked for roles that do not see customer contacts
   * (privacy/contact-masking.ts). `'none'` says this answer holds only what
   * staff wrote (flow graphs, message templates, settings) or the caller's
   * own account: masking it would rewrite a hotline number in a flow and
   * save it back broken. The policy test lists every procedure that says so.
   */
  contacts?: 'none';
  /**
   * A query that writes (the audit entry of an export). Queries are GETs a
   * cross-site page can make a browser send with a plain link, so such a
   * query gets the mutations' cross-site refusal too: no planted entries.
   */
  writes?: true;
  /**
   * Callable while the user still holds a temporary password an admin set
   * (their own account, changing the password, signing out); everything else
   * is refused until they chose their own.
   */
  temporaryPassword?: 'allowed';
};

const t = initTRPC
  .context<TrpcContext>()
  .meta<ProcedurePolicy>()
  .create({
    // Stack traces never leave the process, whatever NODE_ENV says.
    isDev: false,
    errorFormatter({ shape, error, ctx, path, input }) {
      const locale = ctx?.locale ?? 'en';
      const appError = appErrorOf(error);
      if (appError) {
        return {
          ...shape,
          message: appError.messages[locale],
          data: {
            ...shape.data,
            appCode: appError.code,
            messages: appError.messages,
            pointer: appError.pointer ?? null,
            details: appError.details,
            ...appError.extra,
          },
        };
      }
      if (error.cause instanceof z.ZodError) {
        const details = zodIssueDetails(error.cause.issues, input);
        const first = details[0];
        const messages = httpMessage('invalid_request', {
          detailZh: first?.messages['zh-CN'],
          detailEn: first?.messages.en,
        });
        return {
          ...shape,
          message: messages[locale],
          data: {
            ...shape.data,
            appCode: 'invalid_request',
            messages,
            pointer: first?.pointer ?? '',
            details,
          },
        };
      }
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        const ref = randomUUID().slice(0, 8);
        ctx?.services.log.error('tRPC procedure failed', { ref, path, error: String(error.cause ?? error) });
        const messages = httpMessage('internal', { ref });
        return {
          ...shape,
          message: messages[locale],
          data: { ...shape.data, appCode: 'internal', messages },
        };
      }
      return shape;
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Enforces the policy and turns AppErrors from resolvers into proper tRPC codes. */
const enforcePolicy = t.middleware(async ({ ctx, meta, next, type }) => {
  if (!meta || (meta.public !== true && !Array.isArray(meta.roles))) {
    throw toTrpcError(new AppError('forbidden', 'no_policy'));
  }
  // Sign-in included: a login CSRF would sign the victim into the attacker's account.
  if ((type === 'mutation' || meta.writes === true) && ctx.crossSite) {
    throw toTrpcError(new AppError('forbidden', 'cross_site_refused'));
  }
  if (meta.public !== true) {
    if (!ctx.user) throw toTrpcError(new AppError('unauthenticated', 'not_logged_in'));
    if (ctx.user.deactivatedAt !== null)
      throw toTrpcError(new AppError('unauthenticated', 'account_deactivated'));
    if (ctx.user.mustChangePassword && meta.temporaryPassword !== 'allowed') {
      throw toTrpcError(new AppError('forbidden', 'password_change_required'));
    }
    if (!meta.roles?.includes(ctx.user.role)) {
      throw toTrpcError(new AppError('forbidden', 'forbidden', { params: { role: ctx.user.role } }));
    }
  }
  const result = await next();
  // The one place answers leave tRPC: contacts are masked here, so a new procedure cannot forget it.
  const role = ctx.user && meta.contacts !== 'none' ? ctx.user.role : undefined;
  if (!result.ok) {
    // SQLite's write lock held by another process past the store's wait: nothing was changed, retry.
    if (isStoreBusyError(result.error.cause)) {
      throw toTrpcError(new AppError('unavailable', 'store_busy', { extra: { retryAfterSeconds: 1 } }));
    }
    const appError = appErrorOf(result.error);
    // Errors are answers too: a test run's 422 carries the trace so far.
    if (appError && role && !roleSeesContacts(role)) throw toTrpcError(maskedAppError(role, appError));
    if (appError && result.error.code === 'INTERNAL_SERVER_ERROR') throw toTrpcError(appError);
  }
  if (result.ok && role) return { ...result, data: maskAnswerFor(role, result.data) };
  return result;
});

/**
 * The same AppError as `role` may see it: what the error formatter sends
 * (`details`, `extra`, its messages) masked like any answer. The original
 * stays the prototype, so it is still an AppError with the same kind and code.
 */
function maskedAppError(role: UserRole, error: AppError): AppError {
  return Object.create(error, {
    message: { value: maskAnswerFor(role, error.message) },
    messages: { value: maskAnswerFor(role, error.messages), enumerable: true },
    details: { value: maskAnswerFor(role, error.details), enumerable: true },
    extra: { value: maskAnswerFor(role, error.extra), enumerable: true },
  }) as AppError;
}

/** The one procedure builder. Always follow it with `.meta(...)`. */
export const procedure = t.procedure.use(enforcePolicy);

/** The signed-in user of a procedure that declared roles (the policy already checked it). */
export function actorOf(ctx: TrpcContext): User {
  if (!ctx.user) throw toTrpcError(new AppError('unauthenticated', 'not_logged_in'));
  return ctx.user;
}
