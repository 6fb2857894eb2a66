import { releaseTicket } from '@flowdesk/desk';
import { PRIORITIES } from '@flowdesk/model';
import { SLA_STATES } from '@flowdesk/store';
import { z } from 'zod';
import { DEFAULT_WORKSPACE_ID } from '../../app-deps.ts';
import { auditCall } from '../../audit/audit-log.ts';
import { ROLES } from '../../auth/roles.ts';
import { INBOX_QUEUES, readInbox } from '../../inbox/inbox-queues.ts';
import { setAgentStatus } from '../../supervisor/agent-status.ts';
import { agentStatus } from '../../supervisor/supervisor-overview.ts';
import { valueOrThrow } from '../../tickets/desk-app-error.ts';
import { inDesk } from '../../tickets/ticket-actions.ts';
import { TicketIdInput } from '../../tickets/ticket-inputs.ts';
import { actorOf, procedure, router } from '../trpc.ts';
import { AgentStatusSchema } from './supervisor.router.ts';
import { agentIdOf } from './ticket-actions.procedures.ts';

/**
 * The agents' inbox (issue 13, item 1). The web app polls `queues` every few
 * seconds (why polling and not a subscription: apps/web/src/desk/inbox/inbox-page.tsx); claiming is
 * `tickets.claim`, which refuses a ticket someone else holds.
 */

const Filter = z.string().trim().max(200).optional();

const QueuesInput = z.strictObject({
  queue: z.enum(INBOX_QUEUES).default('mine'),
  search: Filter,
  customer: Filter,
  category: Filter,
  channel: Filter,
  priority: z.enum(PRIORITIES.values).optional(),
  slaState: z.enum(SLA_STATES).optional(),
  limit: z.number().int().min(1).max(200).default(100),
});

export const inboxRouter = router({
  /** The counts of every queue and the tickets of one, after the same filters. */
  queues: procedure
    .meta({ roles: ROLES.ticketWorkers })
    .input(QueuesInput.default({ queue: 'mine', limit: 100 }))
    .query(({ ctx, input }) => {
      const user = actorOf(ctx);
      const { queue, limit, ...filters } = input;
      return readInbox(ctx.services, { userId: user.id, role: user.role, queue, filters, limit });
    }),

  /** The agent holding a ticket hands it back to the team queue. */
  release: procedure
    .meta({ roles: ROLES.ticketWorkers })
    .input(TicketIdInput)
    .mutation(async ({ ctx, input }) => {
      const user = actorOf(ctx);
      const agentId = await agentIdOf(ctx, user);
      return inDesk(ctx.services, async (scope) =>
        valueOrThrow(await releaseTicket(scope, input.id, agentId, { kind: 'user', id: user.id })),
      );
    }),

  /**
   * The signed-in agent's own status (available or away), for the toggle in the
   * inbox header; null for a reader without an agent profile (an admin), who has none.
   */
  myStatus: procedure.meta({ roles: ROLES.ticketWorkers }).query(async ({ ctx }) => {
    const user = actorOf(ctx);
    const agents = await ctx.services.store.agents.list({ workspaceId: DEFAULT_WORKSPACE_ID });
    const mine = agents.find((agent) => agent.userId === user.id);
    return mine ? { agentId: mine.id, status: agentStatus(mine) } : null;
  }),

  /** An agent sets their own status; only their own (supervisors set others' with supervisor.setAgentStatus). */
  setMyStatus: procedure
    .meta({ roles: ROLES.ticketWorkers })
    .input(z.strictObject({ status: AgentStatusSchema }))
    .mutation(async ({ ctx, input }) => {
      const agentId = await agentIdOf(ctx, actorOf(ctx));
      const agent = await setAgentStatus(ctx.services, agentId, input.status);
      await auditCall(ctx, 'agent.set_status', `agent:${agent.id}`, { status: input.status, own: true });
      return { agentId: agent.id, status: agentStatus(agent) };
    }),
});
