/**
 * Approval requests: an "Ask for approval" step parks its execution and asks a
 * person (a team, or the supervisors) to approve or reject. The request keeps
 * what the flow gathered (the question and the facts) so the person decides
 * without opening the execution, and which execution, pinned version and wait
 * (seq) the decision answers.
 */

export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'timed_out', 'cancelled'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];
export type ApprovalDecision = 'approved' | 'rejected';

/** Who may decide: the members of one team (and supervisors), or the supervisors only. */
export type ApprovalDecider = { kind: 'team'; teamId: string } | { kind: 'supervisor' };

/** One fact shown beside the question: the field it was read from and its value when the step ran. */
export interface ApprovalFact {
  path: string;
  value: string | number | boolean | null;
}

export interface ApprovalRequest {
  id: string;
  workspaceId: string;
  executionId: string;
  /** The seq of the wait this request answers; a decision for an older wait is refused by the engine. */
  seq: number;
  flowId: string;
  /** The version the execution is pinned to; the decision resumes it there. */
  version: number;
  nodeId: string;
  ticketId: string | null;
  ticketNumber: string | null;
  decider: ApprovalDecider;
  question: string;
  facts: ApprovalFact[];
  status: ApprovalStatus;
  createdAt: string;
  timeoutAt: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  note: string;
}

export type NewApprovalRequest = Omit<ApprovalRequest, 'status' | 'decidedBy' | 'decidedAt' | 'note'>;

export interface ApprovalQuery {
  workspaceId: string;
  /** Only requests addressed to one of these teams; absent: all of them (supervisors' view). */
  teams?: readonly string[];
  /** Only the requests about this ticket (the ticket page's banner). */
  ticketId?: string;
  limit?: number;
}

export interface ApprovalRepository {
  /** Creates the request, or returns the one already made for the same execution and seq. */
  create(request: NewApprovalRequest): Promise<ApprovalRequest>;
  get(id: string): Promise<ApprovalRequest | null>;
  /** Pending requests, oldest first. */
  listPending(query: ApprovalQuery): Promise<ApprovalRequest[]>;
  countPending(query: ApprovalQuery): Promise<number>;
  /**
   * Records the decision when the request is still pending and returns it;
   * null when it is unknown or was decided, timed out or cancelled already
   * (a second decision never overwrites the first).
   */
  decide(
    id: string,
    decision: { status: ApprovalDecision; by: string; note: string; at: string },
  ): Promise<ApprovalRequest | null>;
  /** Closes the execution's pending request for that wait (timed out, cancelled); false when none was pending. */
  close(executionId: string, seq: number, status: 'timed_out' | 'cancelled', at: string): Promise<boolean>;
}
