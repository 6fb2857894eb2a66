import { z } from 'zod';
import { auditCall } from '../../audit/audit-log.ts';
import { ROLES } from '../../auth/roles.ts';
import { setAgentStatus } from '../../supervisor/agent-status.ts';
import { listEscalations } from '../../supervisor/escalations.ts';
import { agentStatus, supervisorOverview } from '../../supervisor/supervisor-overview.ts';
import { SUPERVISOR_TICKET_FILTERS, supervisorTickets } from '../../supervisor/supervisor-tickets.ts';
import { procedure, router } from '../trpc.ts';

/**
 * The supervisor view (issue 13, item 5): backlog and load, agents' status,
 * the tickets to reassign (`tickets.bulkReassign` moves them) and the
 * escalations. The quality-review queue is the surveys page's.
 */

const supervisors = () => procedure.meta({ roles: ROLES.supervisors });
const Id = z.string().trim().min(1).max(200);
export const AgentStatusSchema = z.enum(['available', 'away']);

export const supervisorRouter = router({
  /** Per team: backlog, overdue, at risk, oldest waiting; per agent: load, status, last assignment. */
  overview: supervisors().query(({ ctx }) => supervisorOverview(ctx.services)),

  /** Open tickets of a team or an agent (or all), in queue order, to pick from for a reassignment. */
  tickets: supervisors()
    .input(
      z
        .strictObject({
          team: Id.optional(),
          agentId: Id.optional(),
          show: z.enum(SUPERVISOR_TICKET_FILTERS).default('all'),
          limit: z.number().int().min(1).max(200).default(100),
        })
        .default({ show: 'all', limit: 100 }),
    )
    .query(({ ctx, input }) => supervisorTickets(ctx.services, input)),

  /** Escalated tickets with why and when, newest escalation first; open ones unless asked otherwise. */
  escalations: supervisors()
    .input(
      z
        .strictObject({
          includeFinished: z.boolean().default(false),
          limit: z.number().int().min(1).max(200).default(50),
        })
        .default({ includeFinished: false, limit: 50 }),
    )
    .query(({ ctx, input }) => listEscalations(ctx.services, input)),

  /** Marks an agent available or away; away agents get no new automatic assignments. */
  setAgentStatus: supervisors()
    .input(z.strictObject({ agentId: Id, status: AgentStatusSchema }))
    .mutation(async ({ ctx, input }) => {
      const agent = await setAgentStatus(ctx.services, input.agentId, input.status);
      await auditCall(ctx, 'agent.set_status', `agent:${agent.id}`, { status: input.status });
      return { id: agent.id, status: agentStatus(agent) };
    }),
});
