import type { ApprovalQuery, ApprovalRequest, StoreRepositories, User } from '@flowdesk/store';
import { z } from 'zod';
import {
  approvalQueryFor,
  decideApproval,
  mayDecide,
  teamsOfUser,
} from '../../approvals/approval-decisions.ts';
import { auditCall } from '../../audit/audit-log.ts';
import { ROLES } from '../../auth/roles.ts';
import { actorOf, procedure, router } from '../trpc.ts';

/**
 * The approval queue: requests of "Ask for approval" steps waiting for a
 * person. Supervisors and admins see and decide all; agents those addressed
 * to their teams.
 */

export interface ApprovalListItem extends ApprovalRequest {
  flowName: string;
  mayDecide: boolean;
}

const DecideInput = z.strictObject({
  id: z.string().min(1).max(200),
  decision: z.enum(['approved', 'rejected']),
  note: z.string().trim().max(2000).default(''),
});

/** The pending requests this user sees (all for supervisors, their teams' for agents), narrowed by `narrow`. */
async function pendingFor(
  store: StoreRepositories,
  user: User,
  narrow: Partial<ApprovalQuery>,
): Promise<ApprovalListItem[]> {
  const query = await approvalQueryFor(store, user);
  const requests = await store.approvals.listPending({ ...query, ...narrow });
  const teams = await teamsOfUser(store, user);
  const names = new Map<string, string>();
  for (const flowId of new Set(requests.map((request) => request.flowId))) {
    names.set(flowId, (await store.flows.get(flowId))?.name ?? flowId);
  }
  return requests.map((request) => ({
    ...request,
    flowName: names.get(request.flowId) ?? request.flowId,
    mayDecide: mayDecide(user, teams, request),
  }));
}

export const approvalsRouter = router({
  /** Pending requests, oldest first, with the facts the flow gathered. */
  list: procedure
    .meta({ roles: ROLES.ticketWorkers })
    .query(({ ctx }) => pendingFor(ctx.services.store, actorOf(ctx), { limit: 200 })),

  /** The pending requests about one ticket, for the banner on its page; the same visibility as the list. */
  forTicket: procedure
    .meta({ roles: ROLES.ticketWorkers })
    .input(z.strictObject({ ticketId: z.string().min(1).max(200) }))
    .query(({ ctx, input }) =>
      pendingFor(ctx.services.store, actorOf(ctx), { ticketId: input.ticketId, limit: 20 }),
    ),

  /** How many wait for this user: the badge on the navigation entry. */
  count: procedure.meta({ roles: ROLES.ticketWorkers }).query(async ({ ctx }) => {
    const { store } = ctx.services;
    return store.approvals.countPending(await approvalQueryFor(store, actorOf(ctx)));
  }),

  /** Approves or rejects; the waiting execution resumes on its pinned version through the job queue. */
  decide: procedure
    .meta({ roles: ROLES.ticketWorkers })
    .input(DecideInput)
    .mutation(async ({ ctx, input }) => {
      const decided = await decideApproval(ctx.services, actorOf(ctx), input);
      await auditCall(ctx, `approval.${input.decision}`, decided.id, {
        executionId: decided.executionId,
        flowId: decided.flowId,
        version: decided.version,
        ...(decided.ticketId ? { ticketId: decided.ticketId } : {}),
      });
      return decided;
    }),
});
