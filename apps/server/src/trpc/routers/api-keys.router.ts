import { type ApiKey, USER_ROLES } from '@flowdesk/store';
import { z } from 'zod';
import { auditCall } from '../../audit/audit-log.ts';
import { createApiKey } from '../../auth/api-keys.ts';
import { ROLES } from '../../auth/roles.ts';
import { AppError } from '../../http/app-error.ts';
import { procedure, router } from '../trpc.ts';

/** Never the hash: only what helps an admin tell keys apart. */
function publicApiKey(key: ApiKey) {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    role: key.role,
    scopes: key.scopes,
    createdAt: key.createdAt,
    revokedAt: key.revokedAt,
  };
}

export const apiKeysRouter = router({
  list: procedure
    .meta({ roles: ROLES.admins })
    .input(z.void())
    .query(async ({ ctx }) => (await ctx.services.store.apiKeys.list()).map(publicApiKey)),

  /** The secret is in this answer only; it cannot be shown again. */
  create: procedure
    .meta({ roles: ROLES.admins })
    .input(
      z.strictObject({ name: z.string().trim().min(1).max(100), role: z.enum(USER_ROLES).default('agent') }),
    )
    .mutation(async ({ ctx, input }) => {
      const { store, ids, clock } = ctx.services;
      const created = await createApiKey(store, {
        id: ids.next(),
        name: input.name,
        role: input.role,
        now: clock.now(),
      });
      await auditCall(ctx, 'api_key.create', `api_key:${created.key.id}`, {
        name: input.name,
        role: input.role,
      });
      return { apiKey: publicApiKey(created.key), secret: created.secret };
    }),

  revoke: procedure
    .meta({ roles: ROLES.admins })
    .input(z.strictObject({ id: z.string().min(1) }))
    .mutation(async ({ ctx, input }) => {
      const { store, clock } = ctx.services;
      const revoked = await store.apiKeys.revoke(input.id, clock.now().toISOString());
      await auditCall(ctx, 'api_key.revoke', `api_key:${input.id}`, {}, revoked ? 'success' : 'failure');
      if (!revoked) throw new AppError('not_found', 'api_key_not_found', { params: { id: input.id } });
      return { ok: true as const };
    }),
});
