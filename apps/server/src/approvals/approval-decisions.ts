import { SUPERVISOR_QUEUE, TRIAGE_QUEUE } from '@flowdesk/desk';
import type {
  ApprovalDecision,
  ApprovalQuery,
  ApprovalRequest,
  InboxRecipient,
  Store,
  StoreRepositories,
  User,
} from '@flowdesk/store';
import { type Clock, DEFAULT_WORKSPACE_ID, type IdSource } from '../app-deps.ts';
import { ROLES, roleAllowed } from '../auth/roles.ts';
import { AppError } from '../http/app-error.ts';
import { JOB_KINDS } from '../runtime/job-payloads.ts';

/**
 * Who sees and decides approval requests: supervisors and admins every one;
 * an agent those addressed to a team their agent profile belongs to. The
 * decision is recorded on the request and a durable job resumes the waiting
 * execution on its pinned version, like a timer or a deferred activity.
 */

/** The teams of the user's agent profile(s): what an agent's approvals and team inbox are about. */
export async function teamsOfUser(store: StoreRepositories, user: User): Promise<string[]> {
  const agents = await store.agents.list({ workspaceId: DEFAULT_WORKSPACE_ID });
  return [...new Set(agents.filter((agent) => agent.userId === user.id).flatMap((agent) => agent.teams))];
}

/**
 * The inboxes a user reads: their agent profile(s) (and their user id), the
 * teams those belong to, and for supervisors and admins the triage and supervisor queues.
 */
export async function inboxesOfUser(store: StoreRepositories, user: User): Promise<InboxRecipient[]> {
  const agents = await store.agents.list({ workspaceId: DEFAULT_WORKSPACE_ID });
  const own = agents.filter((agent) => agent.userId === user.id);
  const agentIds = new Set([user.id, ...own.map((agent) => agent.id)]);
  const teams = new Set(own.flatMap((agent) => agent.teams));
  // Reminders about tickets with no team yet go to triage, escalations to the supervisor queue.
  if (oversees(user)) {
    teams.add(TRIAGE_QUEUE);
    teams.add(SUPERVISOR_QUEUE);
  }
  return [
    ...[...agentIds].map((id) => ({ kind: 'agent' as const, id })),
    ...[...teams].map((id) => ({ kind: 'team' as const, id })),
  ];
}

function oversees(user: User): boolean {
  return roleAllowed(user.role, ROLES.supervisors);
}

/** The pending requests this user may see (and decide). */
export async function approvalQueryFor(store: StoreRepositories, user: User): Promise<ApprovalQuery> {
  if (oversees(user)) return { workspaceId: DEFAULT_WORKSPACE_ID };
  return { workspaceId: DEFAULT_WORKSPACE_ID, teams: await teamsOfUser(store, user) };
}

export function mayDecide(user: User, teams: readonly string[], request: ApprovalRequest): boolean {
  if (oversees(user)) return true;
  if (!roleAllowed(user.role, ROLES.ticketWorkers)) return false;
  return request.decider.kind === 'team' && teams.includes(request.decider.teamId);
}

export interface DecisionServices {
  store: Store;
  clock: Clock;
  ids: IdSource;
}

/**
 * Records the decision and enqueues the job that resumes the execution, in
 * one transaction: a second decision finds the request decided and is refused
 * (conflict), never overwriting the first.
 */
export async function decideApproval(
  services: DecisionServices,
  user: User,
  input: { id: string; decision: ApprovalDecision; note: string },
): Promise<ApprovalRequest> {
  return services.store.transaction(async (tx) => {
    const request = await tx.approvals.get(input.id);
    if (!request || request.workspaceId !== DEFAULT_WORKSPACE_ID) {
      throw new AppError('not_found', 'approval_not_found', { params: { id: input.id } });
    }
    if (request.status !== 'pending') {
      throw new AppError('conflict', 'approval_already_decided', { params: { status: request.status } });
    }
    if (!mayDecide(user, await teamsOfUser(tx, user), request)) {
      const team = request.decider.kind === 'team' ? request.decider.teamId : undefined;
      throw new AppError('forbidden', 'approval_not_yours', { params: { team } });
    }
    const now = services.clock.now().toISOString();
    const decided = await tx.approvals.decide(request.id, {
      status: input.decision,
      by: user.id,
      note: input.note,
      at: now,
    });
    // Decided by someone else between our read and our write.
    if (!decided)
      throw new AppError('conflict', 'approval_already_decided', { params: { status: 'decided' } });
    await tx.jobs.enqueue({
      id: services.ids.next(),
      kind: JOB_KINDS.approval,
      runAt: now,
      payload: { executionId: request.executionId, seq: request.seq, approvalId: request.id },
      idempotencyKey: `approval:${request.id}`,
      now,
    });
    return decided;
  });
}
