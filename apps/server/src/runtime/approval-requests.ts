import { SUPERVISOR_QUEUE, writeInAppMessage } from '@flowdesk/desk';
import {
  type CompiledFlow,
  type ExecutionState,
  type Input,
  readField,
  renderTemplate,
  TemplateRenderError,
} from '@flowdesk/engine';
import { SUPERVISOR_DECIDER } from '@flowdesk/model';
import type { ApprovalFact, ApprovalRequest, NewApprovalRequest, StoreRepositories } from '@flowdesk/store';

/**
 * The approval request an execution waiting on an "Ask for approval" step
 * needs, built from the node's config and the data as it is now: the
 * question rendered (customer text is only ever text in it) and the facts
 * read. Null when the execution is not waiting for a decision.
 */
export function approvalRequestFor(
  flow: CompiledFlow,
  state: ExecutionState,
  workspaceId: string,
): NewApprovalRequest | null {
  const waiting = pendingApprovalSeq(state);
  if (waiting === null) return null;
  const node = flow.nodes.get(state.pending?.command.nodeId ?? '');
  if (node?.type !== 'timing.ask_approval') return null;
  const config = node.config as { decider?: string; question?: string; facts?: string[] };
  const ticket = (state.data.ticket ?? {}) as { id?: unknown; number?: unknown };
  const command = state.pending?.command;
  return {
    id: `apr-${state.executionId}-${waiting}`,
    workspaceId,
    executionId: state.executionId,
    seq: waiting,
    flowId: state.flowId,
    version: state.version,
    nodeId: node.id,
    ticketId: typeof ticket.id === 'string' ? ticket.id : null,
    ticketNumber: typeof ticket.number === 'string' ? ticket.number : null,
    decider:
      !config.decider || config.decider === SUPERVISOR_DECIDER
        ? { kind: 'supervisor' }
        : { kind: 'team', teamId: config.decider },
    question: renderQuestion(config.question ?? '', state),
    facts: (config.facts ?? []).map((path) => fact(path, readField(state.data, path))),
    createdAt: state.pending?.issuedAt ?? state.updatedAt,
    timeoutAt: command?.kind === 'wait' ? (command.timeoutAt ?? null) : null,
  };
}

/** The seq of the approval wait the execution is parked on, or null. */
export function pendingApprovalSeq(state: ExecutionState): number | null {
  const command = state.pending?.command;
  if (state.status !== 'waiting' || command?.kind !== 'wait' || command.event?.name !== 'approval')
    return null;
  return command.seq;
}

function renderQuestion(template: string, state: ExecutionState): string {
  const locale = state.data.request?.language === 'en' ? 'en' : 'zh-CN';
  try {
    return renderTemplate(template, state.data, { locale }).text;
  } catch (error) {
    // A template that cannot render still asks something: the decider sees what was written.
    if (error instanceof TemplateRenderError) return template;
    throw error;
  }
}

function fact(path: string, value: unknown): ApprovalFact {
  if (value === undefined || value === null) return { path, value: null };
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return { path, value: typeof value === 'string' ? value.slice(0, 2000) : value };
  }
  return { path, value: JSON.stringify(value).slice(0, 2000) };
}

/**
 * Keeps the approval requests in step with the saved execution, in its
 * transaction: a new approval wait stores its request; leaving one without a
 * decision (timeout, cancel) closes it, so it leaves the pending queue.
 */
export async function syncApprovalRequest(
  tx: StoreRepositories,
  flow: CompiledFlow,
  state: ExecutionState,
  previous: { seq: number | null; input?: Input['kind'] },
  workspaceId: string,
  now: string,
): Promise<void> {
  const request = approvalRequestFor(flow, state, workspaceId);
  if (request) {
    const stored = await tx.approvals.create(request);
    await notifyDeciders(tx, stored);
  }
  if (previous.seq !== null && previous.seq !== request?.seq && previous.input !== 'event_received') {
    const status = previous.input === 'wait_timed_out' ? 'timed_out' : 'cancelled';
    await tx.approvals.close(state.executionId, previous.seq, status, now);
  }
}

/**
 * Tells the deciders in their inbox (the team's, or the supervisor queue's)
 * that a request waits, linked to its ticket; once per request.
 */
async function notifyDeciders(tx: StoreRepositories, request: ApprovalRequest): Promise<void> {
  const to = request.decider.kind === 'team' ? request.decider.teamId : SUPERVISOR_QUEUE;
  await writeInAppMessage(tx, {
    id: `inbox:${request.id}`,
    workspaceId: request.workspaceId,
    recipientKind: 'team',
    recipientId: to,
    subject: request.ticketNumber ?? request.question.slice(0, 200),
    body: `待审批：${request.question}\nApproval requested: ${request.question}`,
    idempotencyKey: `approval:${request.id}`,
    ticketId: request.ticketId,
    createdAt: request.createdAt,
  });
}
