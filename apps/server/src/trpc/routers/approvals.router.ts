import type { ApprovalRequest } from '@flowdesk/store';
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

export const approvalsRouter = router({
  /** Pending requests, oldest first, with the facts the flow gathered. */
  list: procedure.meta({ roles: ROLES.ticketWorkers }).query(async ({ ctx }): Promise<ApprovalListItem[]> => {
    const user = actorOf(ctx);
    const { store } = ctx.services;
    const query = await approvalQueryFor(store, user);
    const requests = await store.approvals.listPending({ ...query, limit: 200 });
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
  }),

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
