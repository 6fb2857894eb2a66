import { z } from 'zod';
import { auditCall } from '../../audit/audit-log.ts';
import { ROLES } from '../../auth/roles.ts';
import { NoteBody, TicketIdInput } from '../../tickets/ticket-inputs.ts';
import {
  addNoteWithMentions,
  findCustomers,
  knowledgeSuggestions,
  mergeIntoTicketCustomer,
  renderReplyTemplate,
  workOptions,
} from '../../tickets/ticket-work.ts';
import { actorOf, procedure } from '../trpc.ts';

/**
 * What the ticket page's work panel asks besides the agent actions (issue 13,
 * item 3): its dropdowns, templates and knowledge answers for the composer,
 * notes with @mentions, and merging the ticket's customer with another
 * profile. Spread into the tickets router next to ticketActionProcedures.
 */

const workers = () => procedure.meta({ roles: ROLES.ticketWorkers });
const Id = z.string().min(1).max(200);

export const ticketWorkProcedures = {
  /** Teams, agents, categories, reply templates and who a note may mention. */
  workOptions: workers()
    .input(TicketIdInput)
    .query(({ ctx, input }) => workOptions(ctx.services, input.id, actorOf(ctx).id)),

  /** A saved template filled in with the ticket and its customer, in the customer's language. */
  renderReplyTemplate: workers()
    .input(TicketIdInput.extend({ templateId: z.string().min(1).max(64) }))
    .query(({ ctx, input }) =>
      renderReplyTemplate(ctx.services, input.id, input.templateId, actorOf(ctx).role),
    ),

  /** The knowledge-base articles that best answer the ticket's text, most confident first. */
  knowledgeSuggestions: workers()
    .input(TicketIdInput.extend({ limit: z.number().int().min(1).max(10).default(3) }))
    .query(({ ctx, input }) => knowledgeSuggestions(ctx.services, input.id, input.limit)),

  /** An internal note; each member of the ticket's team it mentions gets an in-app message. */
  addMentionNote: workers()
    .input(TicketIdInput.extend(NoteBody.shape).extend({ mentions: z.array(Id).max(20).default([]) }))
    .mutation(({ ctx, input }) =>
      addNoteWithMentions(ctx.services, input.id, input.body, input.mentions, {
        actor: { kind: 'user', id: actorOf(ctx).id },
        role: actorOf(ctx).role,
      }),
    ),

  /** Customers to merge with: name or contact contains the query; contacts masked as for the role. */
  findCustomers: workers()
    .input(
      z.strictObject({
        query: z.string().trim().min(1).max(100),
        limit: z.number().int().min(1).max(20).default(8),
      }),
    )
    .query(({ ctx, input }) => findCustomers(ctx.services, input.query, input.limit, actorOf(ctx).role)),

  /** Folds another profile of the same person into the ticket's customer; audited. */
  mergeCustomer: workers()
    .input(TicketIdInput.extend({ otherCustomerId: Id }))
    .mutation(async ({ ctx, input }) => {
      const merged = await mergeIntoTicketCustomer(
        ctx.services,
        input.id,
        input.otherCustomerId,
        actorOf(ctx).role,
      );
      await auditCall(ctx, 'customer.merge', `customer:${merged.customer.id}`, {
        from: input.otherCustomerId,
        ticket: input.id,
      });
      return merged;
    }),
};
