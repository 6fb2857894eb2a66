import type { inferOutput } from '@trpc/tanstack-react-query';
import type { useTRPC } from '../../api/trpc.ts';

/** What the supervisor procedures answer, inferred from the router type (no server code crosses). */
type Api = ReturnType<typeof useTRPC>;

export type SupervisorOverview = inferOutput<Api['supervisor']['overview']>;
export type TeamBacklog = SupervisorOverview['teams'][number];
export type AgentLoad = SupervisorOverview['agents'][number];
export type SupervisorTicket = inferOutput<Api['supervisor']['tickets']>[number];
export type EscalationItem = inferOutput<Api['supervisor']['escalations']>[number];
export type BulkReassignResult = inferOutput<Api['tickets']['bulkReassign']>['results'][number];
