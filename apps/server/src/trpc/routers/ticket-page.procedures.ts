import { z } from 'zod';
import { ticketCustomerProfile } from '../../tickets/ticket-customer-profile.ts';
import { ticketExplanation } from '../../tickets/ticket-explanation.ts';
import { TICKET_ROLES, TicketIdInput } from '../../tickets/ticket-inputs.ts';
import { ticketTimeline } from '../../tickets/ticket-timeline.ts';
import { actorOf, procedure } from '../trpc.ts';

/**
 * What the ticket page reads besides `tickets.get` (issue 13, item 2): the
 * timeline, the flow's explanation and the customer profile. Spread into the
 * tickets router so the client sees one `tickets` namespace.
 */
export const ticketPageProcedures = {
  /** Oldest first, the newest `limit` entries (a ticket with 500 entries still opens at once). */
  timeline: procedure
    .meta({ roles: TICKET_ROLES.readers })
    .input(TicketIdInput.extend({ limit: z.number().int().min(1).max(1000).default(300) }))
    .query(({ ctx, input }) => ticketTimeline(ctx.services, input.id, actorOf(ctx).role, input.limit)),

  /** Which flow and version handed the ticket over and why; null for a ticket no flow touched. */
  explanation: procedure
    .meta({ roles: TICKET_ROLES.readers })
    .input(TicketIdInput)
    .query(({ ctx, input }) => ticketExplanation(ctx.services, input.id)),

  /** The customer profile (客户画像) with contacts masked; null for a ticket without a customer. */
  customerProfile: procedure
    .meta({ roles: TICKET_ROLES.readers })
    .input(TicketIdInput)
    .query(({ ctx, input }) => ticketCustomerProfile(ctx.services, input.id, actorOf(ctx).role)),
};
