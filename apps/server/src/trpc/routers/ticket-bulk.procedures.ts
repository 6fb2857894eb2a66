import { z } from 'zod';
import { auditCall } from '../../audit/audit-log.ts';
import { ROLES } from '../../auth/roles.ts';
import { BULK_REASSIGN_LIMIT, bulkReassign } from '../../supervisor/bulk-reassign.ts';
import { actorOf, procedure } from '../trpc.ts';

/** What supervisors do to many tickets at once; spread into the tickets router. */

const Id = z.string().trim().min(1).max(200);

const BulkReassignInput = z
  .strictObject({
    ticketIds: z.array(Id).min(1).max(BULK_REASSIGN_LIMIT),
    /** The team to move them to; with an agent, the team they are filed under. */
    team: Id.optional(),
    /** The agent to give them to. Without one, the team hands each out by its strategy. */
    agentId: Id.optional(),
  })
  .refine((input) => input.team !== undefined || input.agentId !== undefined, {
    message: 'team or agentId is required',
    path: ['agentId'],
  });

export const ticketBulkProcedures = {
  /** Reassigns up to 100 tickets, each by the single reassign's rule; answers a result per ticket. */
  bulkReassign: procedure
    .meta({ roles: ROLES.supervisors })
    .input(BulkReassignInput)
    .mutation(async ({ ctx, input }) => {
      const user = actorOf(ctx);
      const results = await bulkReassign(ctx.services, input, { kind: 'user', id: user.id });
      const refused = results.filter((result) => !result.ok).map((result) => result.id);
      await auditCall(
        ctx,
        'ticket.bulk_reassign',
        input.agentId ? `agent:${input.agentId}` : `team:${input.team}`,
        {
          ticketIds: results.map((result) => result.id),
          ...(input.team ? { team: input.team } : {}),
          ...(input.agentId ? { agentId: input.agentId } : {}),
          reassigned: results.length - refused.length,
          refused,
        },
      );
      return { results };
    }),
};
