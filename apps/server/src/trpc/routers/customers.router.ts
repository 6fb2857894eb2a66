import { maskCustomer } from '@flowdesk/desk';
import { z } from 'zod';
import { ROLES } from '../../auth/roles.ts';
import { AppError } from '../../http/app-error.ts';
import { findCustomersByNameOrWholeContact } from '../../privacy/contact-search.ts';
import { TICKET_ROLES } from '../../tickets/ticket-inputs.ts';
import { actorOf, procedure, router } from '../trpc.ts';

/** Customer profiles as the signed-in role may see them: phone, email and channel ids masked unless needed. */
const CustomerId = z.string().min(1).max(200);

function customerNotFound(id: string): AppError {
  return new AppError('not_found', 'customer_not_found', { params: { id } });
}

export const customersRouter = router({
  get: procedure
    .meta({ roles: TICKET_ROLES.readers })
    .input(z.strictObject({ id: z.string().min(1).max(200) }))
    .query(async ({ ctx, input }) => {
      const profile = await ctx.services.store.customers.get(input.id);
      if (!profile) throw new AppError('not_found', 'customer_not_found', { params: { id: input.id } });
      return maskCustomer(profile, actorOf(ctx).role);
    }),

  /**
   * Customers whose name contains `query`, or whose phone, email or channel
   * account is `query` whole (contacts are shown masked, so part of one must
   * not match), for the editor's test run to pick whom a sample comes from.
   * Editors and admins (who test-run flows); contacts masked as for any answer to the role.
   */
  search: procedure
    .meta({ roles: ROLES.flowEditors })
    .input(
      z.strictObject({
        query: z.string().trim().min(1).max(100),
        limit: z.number().int().min(1).max(20).default(10),
      }),
    )
    .query(async ({ ctx, input }) => {
      const found = await findCustomersByNameOrWholeContact(ctx.services.store, input.query, input.limit);
      return found.map((profile) => maskCustomer(profile, actorOf(ctx).role));
    }),

  /** Name, tags and VIP level: what an agent may correct by hand. */
  update: procedure
    .meta({ roles: ['admin', 'agent'] })
    .input(
      z.strictObject({
        id: CustomerId,
        name: z.string().trim().min(1).max(200).optional(),
        tags: z.array(z.string().trim().min(1).max(50)).max(50).optional(),
        vipLevel: z.number().int().min(0).max(10).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { id, ...patch } = input;
      const updated = await ctx.services.store.customers.update(
        id,
        patch,
        ctx.services.clock.now().toISOString(),
      );
      if (!updated) throw customerNotFound(id);
      return maskCustomer(updated, actorOf(ctx).role);
    }),

  /**
   * One person reached us as two profiles (say WeChat and phone): fold `fromId`
   * into `intoId`. Identities, counters and tickets move over, in one transaction.
   */
  merge: procedure
    .meta({ roles: ['admin', 'agent'] })
    .input(
      z.strictObject({ intoId: CustomerId, fromId: CustomerId }).refine((ids) => ids.intoId !== ids.fromId),
    )
    .mutation(async ({ ctx, input }) => {
      const now = ctx.services.clock.now().toISOString();
      const merged = await ctx.services.store.transaction(async (tx) => {
        const profile = await tx.customers.merge(input.intoId, input.fromId, now);
        if (profile) await tx.tickets.moveCustomer(input.fromId, input.intoId);
        return profile;
      });
      if (!merged) throw customerNotFound(`${input.intoId} / ${input.fromId}`);
      return maskCustomer(merged, actorOf(ctx).role);
    }),
});
