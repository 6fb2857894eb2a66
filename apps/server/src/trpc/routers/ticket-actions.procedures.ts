import type { User } from '@flowdesk/store';
import { z } from 'zod';
import { DEFAULT_WORKSPACE_ID } from '../../app-deps.ts';
import { auditCall } from '../../audit/audit-log.ts';
import { AppError } from '../../http/app-error.ts';
import type { Acting } from '../../tickets/ticket-actions.ts';
import * as actions from '../../tickets/ticket-actions.ts';
import {
  CategoryBody,
  NoteBody,
  PriorityBody,
  ReopenBody,
  ReplyBody,
  ResolveBody,
  StatusBody,
  TICKET_ROLES,
  TicketIdInput,
} from '../../tickets/ticket-inputs.ts';
import { revokeProgressLinks } from '../../tickets/ticket-progress-links.ts';
import { sendSurvey } from '../../tickets/ticket-survey.ts';
import type { TrpcContext } from '../context.ts';
import { actorOf, procedure } from '../trpc.ts';

/**
 * What an agent does to tickets (issue 4, item 9). The signed-in user is the
 * history actor; claiming and "my queue" use the agent profile linked to them.
 * Spread into the tickets router so the client sees one `tickets` namespace.
 */

function acting(ctx: TrpcContext): Acting {
  const user = actorOf(ctx);
  return { actor: { kind: 'user', id: user.id }, role: user.role };
}

export async function agentIdOf(ctx: TrpcContext, user: User): Promise<string> {
  const agents = await ctx.services.store.agents.list({ workspaceId: DEFAULT_WORKSPACE_ID });
  const mine = agents.find((agent) => agent.userId === user.id);
  if (!mine) throw new AppError('forbidden', 'no_agent_profile');
  return mine.id;
}

const agents = () => procedure.meta({ roles: TICKET_ROLES.agents });
const Limit = z.number().int().min(1).max(500).optional();

export const ticketActionProcedures = {
  /** The signed-in agent's open tickets, most pressing first. */
  myQueue: agents()
    .input(z.strictObject({ limit: Limit }).default({}))
    .query(async ({ ctx, input }) =>
      actions.agentQueue(ctx.services, await agentIdOf(ctx, actorOf(ctx)), input.limit),
    ),

  /** Unassigned tickets waiting in a team's queue, in hand-out order. */
  teamQueue: agents()
    .input(z.strictObject({ teamId: z.string().min(1).max(200), limit: Limit }))
    .query(({ ctx, input }) => actions.teamQueue(ctx.services, input.teamId, input.limit)),

  claim: agents()
    .input(TicketIdInput)
    .mutation(async ({ ctx, input }) =>
      actions.claim(ctx.services, input.id, await agentIdOf(ctx, actorOf(ctx)), acting(ctx)),
    ),

  reply: agents()
    .input(TicketIdInput.extend(ReplyBody.shape))
    .mutation(({ ctx, input }) => actions.reply(ctx.services, input.id, input, acting(ctx))),

  changeStatus: agents()
    .input(TicketIdInput.extend(StatusBody.shape))
    .mutation(({ ctx, input }) => actions.changeStatus(ctx.services, input.id, input, acting(ctx))),

  changePriority: agents()
    .input(TicketIdInput.extend(PriorityBody.shape))
    .mutation(({ ctx, input }) =>
      actions.changePriority(ctx.services, input.id, input.priority, acting(ctx)),
    ),

  /** Hands the ticket to a chosen agent, or to a team by its strategy (round-robin, least loaded, skills). */
  assign: agents()
    .input(
      TicketIdInput.extend({
        to: z.discriminatedUnion('target', [
          z.strictObject({ target: z.literal('agent'), agentId: z.string().min(1).max(200) }),
          z.strictObject({
            target: z.literal('team'),
            teamId: z.string().min(1).max(200),
            strategy: z.enum(['round_robin', 'least_loaded', 'skills']).default('round_robin'),
            skills: z.array(z.string().min(1).max(50)).max(20).default([]),
          }),
        ]),
      }),
    )
    .mutation(({ ctx, input }) => actions.assign(ctx.services, input.id, input.to, acting(ctx))),

  /** Sends the ticket's customer a satisfaction (CSAT) or NPS survey by email or SMS. */
  sendSurvey: agents()
    .input(
      TicketIdInput.extend({
        kind: z.enum(['csat', 'nps']).default('csat'),
        channel: z.enum(['email', 'sms']).default('email'),
        expiresInDays: z.number().int().min(1).max(90).default(7),
      }),
    )
    .mutation(({ ctx, input }) => sendSurvey(ctx.services, input.id, input, acting(ctx))),

  /** Sets the category (confirming a parked ticket); the choice retrains the classifier. */
  changeCategory: agents()
    .input(TicketIdInput.extend(CategoryBody.shape))
    .mutation(({ ctx, input }) =>
      actions.changeCategory(ctx.services, input.id, input.category, acting(ctx)),
    ),

  addNote: agents()
    .input(TicketIdInput.extend(NoteBody.shape))
    .mutation(({ ctx, input }) => actions.addNote(ctx.services, input.id, input.body, acting(ctx))),

  resolve: agents()
    .input(TicketIdInput.extend(ResolveBody.shape))
    .mutation(({ ctx, input }) => actions.resolve(ctx.services, input.id, input.solution, acting(ctx))),

  reopen: agents()
    .input(TicketIdInput.extend(ReopenBody.shape))
    .mutation(({ ctx, input }) => actions.reopen(ctx.services, input.id, input.note, acting(ctx))),

  /** Refuses the customer's progress links issued so far (410) and answers a fresh one to send instead. */
  revokeProgressLinks: agents()
    .input(TicketIdInput)
    .mutation(async ({ ctx, input }) => {
      const revoked = await revokeProgressLinks(ctx.services, input.id);
      await auditCall(ctx, 'ticket.revoke_progress_links', `ticket:${input.id}`, {
        revokedBefore: revoked.revokedBefore,
      });
      return revoked;
    }),
};
