import { z } from 'zod';
import { ROLES } from '../../auth/roles.ts';
import { revealContact } from '../../tickets/reveal-contact.ts';
import { actorOf, procedure } from '../trpc.ts';

/** Spread into the tickets router. */
export const ticketRevealProcedures = {
  /**
   * The full contacts of one ticket's customer. The only answer that leaves
   * contacts unmasked on purpose (`contacts: 'none'`): the roles it admits
   * are checked against the workspace's people settings, and every call is
   * audited (tickets/reveal-contact.ts).
   */
  revealContact: procedure
    .meta({ roles: ROLES.anyone, contacts: 'none' })
    .input(z.strictObject({ ticketId: z.string().min(1).max(200) }))
    // A mutation, though it changes no ticket: it writes the audit entry, so no cross-site page may trigger it.
    .mutation(({ ctx, input }) => revealContact(ctx.services, actorOf(ctx), input.ticketId, ctx.ip)),
};
