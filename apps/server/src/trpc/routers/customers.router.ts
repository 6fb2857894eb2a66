import { maskCustomer } from '@flowdesk/desk';
import { z } from 'zod';
import { AppError } from '../../http/app-error.ts';
import { TICKET_ROLES } from '../../tickets/ticket-inputs.ts';
import { actorOf, procedure, router } from '../trpc.ts';

/** Customer profiles as the signed-in role may see them: phone, email and channel ids masked unless needed. */
export const customersRouter = router({
  get: procedure
    .meta({ roles: TICKET_ROLES.readers })
    .input(z.strictObject({ id: z.string().min(1).max(200) }))
    .query(async ({ ctx, input }) => {
      const profile = await ctx.services.store.customers.get(input.id);
      if (!profile) throw new AppError('not_found', 'customer_not_found', { params: { id: input.id } });
      return maskCustomer(profile, actorOf(ctx).role);
    }),
});
