import { isTicketNumber } from '@flowdesk/desk';
import type { Ticket } from '@flowdesk/store';
import { z } from 'zod';
import { DEFAULT_WORKSPACE_ID } from '../../app-deps.ts';
import { overdue, ticketDetail } from '../../tickets/ticket-actions.ts';
import { TICKET_ROLES, TicketIdInput, TicketStatusSchema } from '../../tickets/ticket-inputs.ts';
import { actorOf, procedure, router } from '../trpc.ts';
import { ticketActionProcedures } from './ticket-actions.procedures.ts';
import { ticketBulkProcedures } from './ticket-bulk.procedures.ts';
import { ticketPageProcedures } from './ticket-page.procedures.ts';
import { ticketRevealProcedures } from './ticket-reveal.procedures.ts';
import { ticketWorkProcedures } from './ticket-work.procedures.ts';

/** Tickets for the web app: the filtered list, one ticket in full, and the agent actions. */

/** The store hands out at most this many per query; the text search and paging work within it. */
const SCAN_LIMIT = 1000;

const ListInput = z
  .strictObject({
    status: z.array(TicketStatusSchema).min(1).max(7).optional(),
    team: z.string().min(1).max(200).optional(),
    /** An agent id, or null for unassigned tickets. */
    assignee: z.string().min(1).max(200).nullable().optional(),
    /** Part of the ticket number or the title, any case. */
    search: z.string().trim().max(200).optional(),
    offset: z.number().int().min(0).max(SCAN_LIMIT).default(0),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .default({ offset: 0, limit: 50 });

export interface TicketPage {
  items: Ticket[];
  /** How many match, counted among the newest SCAN_LIMIT tickets of the filter. */
  total: number;
  offset: number;
  limit: number;
  /** True when more than SCAN_LIMIT tickets match the filters before the text search. */
  truncated: boolean;
}

function passesFilters(ticket: Ticket, input: z.infer<typeof ListInput>): boolean {
  return (
    ticket.workspaceId === DEFAULT_WORKSPACE_ID &&
    (!input.status || input.status.includes(ticket.status)) &&
    (!input.team || ticket.team === input.team) &&
    (input.assignee === undefined || ticket.assignee === input.assignee)
  );
}

function matches(ticket: Ticket, needle: string): boolean {
  return ticket.number.toLowerCase().includes(needle) || ticket.title.toLowerCase().includes(needle);
}

export const ticketsRouter = router({
  /** Newest first. */
  list: procedure
    .meta({ roles: TICKET_ROLES.readers })
    .input(ListInput)
    .query(async ({ ctx, input }): Promise<TicketPage> => {
      const wanted = input.search?.trim().toUpperCase() ?? '';
      // A whole ticket number is looked up by its unique index: found at any age, not only
      // among the newest SCAN_LIMIT (a year of a busy desk holds a million tickets).
      if (isTicketNumber(wanted)) {
        const ticket = await ctx.services.store.tickets.getByNumber(wanted);
        const found = ticket && passesFilters(ticket, input) ? [ticket] : [];
        return {
          items: found.slice(input.offset, input.offset + input.limit),
          total: found.length,
          offset: input.offset,
          limit: input.limit,
          truncated: false,
        };
      }
      const scanned = await ctx.services.store.tickets.list({
        workspaceId: DEFAULT_WORKSPACE_ID,
        ...(input.status ? { status: input.status } : {}),
        ...(input.team ? { team: input.team } : {}),
        ...(input.assignee !== undefined ? { assignee: input.assignee } : {}),
        order: 'newest',
        limit: SCAN_LIMIT,
      });
      const needle = input.search?.toLowerCase() ?? '';
      const found = needle ? scanned.filter((ticket) => matches(ticket, needle)) : scanned;
      return {
        items: found.slice(input.offset, input.offset + input.limit),
        total: found.length,
        offset: input.offset,
        limit: input.limit,
        truncated: scanned.length >= SCAN_LIMIT,
      };
    }),

  /** The ticket with its history, the customer (masked by role) and, for agents and admins, internal notes. */
  get: procedure
    .meta({ roles: TICKET_ROLES.readers })
    .input(TicketIdInput)
    .query(({ ctx, input }) => ticketDetail(ctx.services, input.id, actorOf(ctx).role)),

  /** Open tickets past a due time with their clock running, earliest resolution due first. */
  overdue: procedure
    .meta({ roles: TICKET_ROLES.readers })
    .input(z.strictObject({ limit: z.number().int().min(1).max(500).optional() }).default({}))
    .query(({ ctx, input }) => overdue(ctx.services, input.limit)),

  ...ticketActionProcedures,
  ...ticketWorkProcedures,
  ...ticketPageProcedures,
  ...ticketRevealProcedures,
  ...ticketBulkProcedures,
});
