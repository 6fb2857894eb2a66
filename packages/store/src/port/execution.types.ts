import type { JsonObject, JsonValue } from './json.types.ts';

export const EXECUTION_STATUSES = ['running', 'waiting', 'completed', 'failed', 'cancelled'] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];
/** Statuses of an execution that has not finished yet: it still holds its version in use. */
export const ACTIVE_EXECUTION_STATUSES: readonly ExecutionStatus[] = ['running', 'waiting'];

/** Everything about an execution except its state document: cheap to list. */
export interface ExecutionSummary {
  id: string;
  flowId: string;
  version: number;
  status: ExecutionStatus;
  currentNodeId: string | null;
  /** Starts at 1 and moves by one on every save. */
  revision: number;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface ExecutionRecord extends ExecutionSummary {
  /** The engine's run state; the store keeps it as an opaque JSON document. */
  state: JsonObject;
  /** When the retention prune removed the step log (ExecutionRepository.pruneSteps); absent while it is kept. */
  stepsPrunedAt?: string;
}

/** One batch of the retention prune of step logs (ExecutionRepository.pruneSteps). */
export interface PruneStepsInput {
  /** Executions that finished before this time lose their step log; unfinished ones keep theirs. */
  finishedBefore: string;
  /** Recorded as the execution's stepsPrunedAt. */
  now: string;
  /** Most executions this batch takes (one transaction). */
  limit: number;
}

export interface CreateExecutionInput {
  id: string;
  flowId: string;
  version: number;
  status: ExecutionStatus;
  currentNodeId?: string | null;
  state: JsonObject;
  startedAt: string;
  /** Default startedAt. */
  updatedAt?: string;
  /** An execution that ran to its end before its first save is stored finished in one write. */
  finishedAt?: string | null;
}

export interface SaveExecutionInput {
  state: JsonObject;
  status: ExecutionStatus;
  currentNodeId: string | null;
  updatedAt: string;
  finishedAt?: string | null;
}

export type SaveExecutionResult =
  | { ok: true; revision: number }
  | { ok: false; reason: 'revision_conflict'; currentRevision: number }
  | { ok: false; reason: 'not_found' };

/** How a search term matches customer contacts (email, phone); see ExecutionQuery.contactMatch. */
export type ContactMatch = 'whole' | 'partial';

export interface ExecutionQuery {
  /**
   * A ticket number (whole or its start), or a customer's name (any part),
   * email, phone (its digits), customer id or channel account id (whole).
   * Matches what the execution's run state says about its ticket and customer
   * (see ExecutionSearchKeys). Email and phone match as `contactMatch` says.
   */
  search?: string;
  /**
   * `whole` (the default): an email matches only whole (lower case, trimmed)
   * and a phone only by all its digits. `partial`: any part of either. Only a
   * reader who sees contacts unmasked may search by part: someone who sees
   * `*******5678` could otherwise rebuild the number one digit at a time.
   */
  contactMatch?: ContactMatch;
  /**
   * Only the executions about this customer (the id the run state names, as the search's
   * customer id key): a customer's requests read from that key's index alone.
   */
  customerId?: string;
  flowId?: string;
  version?: number;
  status?: ExecutionStatus | readonly ExecutionStatus[];
  /** Inclusive. */
  startedAfter?: string;
  /** Exclusive. */
  startedBefore?: string;
  /** Default 50, at most 500. */
  limit?: number;
  /** From the previous page's nextCursor. */
  cursor?: string | null;
}

/**
 * Who an execution is about, as its run state names them: the customer the
 * flow looked up or was started for, else what the request said. Null fields
 * are unknown. `channelId` is their account on the channel (chat visitor,
 * WeChat OpenID); answers mask it with the email and phone.
 */
export interface ExecutionCustomer {
  id: string | null;
  name: string | null;
  email: string | null;
  phone: string | null;
  channelId: string | null;
}

/** The ticket and customer an execution is about, kept beside the state so lists can search them. */
export interface ExecutionSearchKeys {
  ticketNumber: string | null;
  customer: ExecutionCustomer | null;
}

/** What a running or waiting execution waits for: an activity's result, a timer, or an event (with a timeout). */
export interface ExecutionPending {
  kind: 'activity' | 'wait';
  /** The activity's node type. */
  nodeType: string | null;
  /** The awaited event (`customer_reply`, `ticket_status`, `survey_answer`…). */
  event: string | null;
  /** A timer's end, or an event's timeout. */
  until: string | null;
}

/** One row of the executions list: the summary, the ticket and customer, and where it stands. */
export interface ExecutionListItem extends ExecutionSummary, ExecutionSearchKeys {
  pending: ExecutionPending | null;
  /** The incident of a failed execution as stored: its node, code and params. */
  incident: JsonObject | null;
}

/** Newest first; nextCursor is null on the last page. */
export interface ExecutionPage {
  items: ExecutionListItem[];
  nextCursor: string | null;
}

/** One step of the log the editor shows as the trace. */
export interface ExecutionStep {
  /** Unique per execution; steps come back ordered by it. */
  seq: number;
  nodeId: string;
  nodeType: string;
  /** How many times this node ran in this execution, counting this one (loops through waits). */
  visit: number;
  input: JsonValue;
  output: JsonValue;
  port: string | null;
  startedAt: string;
  finishedAt: string;
  error?: JsonObject | null;
}

export interface RunningCount {
  flowId: string;
  version: number;
  /** Executions in an active status (running or waiting). */
  running: number;
}

export interface ExecutionRepository {
  /** Throws StoreError('duplicate') when the id exists. */
  create(input: CreateExecutionInput): Promise<ExecutionRecord>;
  get(id: string): Promise<ExecutionRecord | null>;
  list(query?: ExecutionQuery): Promise<ExecutionPage>;
  save(id: string, input: SaveExecutionInput, expectedRevision: number): Promise<SaveExecutionResult>;
  /** Throws StoreError('duplicate') when a seq exists and StoreError('not_found') for an unknown execution. */
  appendSteps(id: string, steps: readonly ExecutionStep[]): Promise<void>;
  listSteps(id: string): Promise<ExecutionStep[]>;
  /**
   * The output and port recorded for a visit to a node that ended without an
   * error (the latest, should there be two), or null: no such step, or only a
   * step the retention prune kept with its payloads emptied (also after a retry
   * reopened the execution). An activity asked to run a step again answers with it instead
   * (desk activities, runOnce): the step log is the record of what a step did,
   * written in the transaction that did it.
   */
  succeededStep(
    id: string,
    nodeId: string,
    visit: number,
  ): Promise<{ output: JsonValue; port: string | null } | null>;
  /**
   * The steps of many executions in one read (a what-if over thousands of past
   * executions): each id maps to its steps in seq order; an unknown id or one
   * whose steps were pruned maps to no entry. Callers pass at most a few
   * thousand ids at a time.
   */
  listStepsOf(ids: readonly string[]): Promise<Map<string, ExecutionStep[]>>;
  /**
   * Node type and port of the steps listSteps returns, for many executions in one
   * read and without their payloads (the KPI hand-off reason of a batch of
   * tickets: shared/handoff-steps.ts); an id without steps maps to no entry.
   */
  handoffStepsOf(
    ids: readonly string[],
  ): Promise<Map<string, Array<{ nodeType: string; port: string | null }>>>;
  /**
   * Retention: removes the step log of up to `limit` executions that finished before
   * `finishedBefore`, oldest first, in one transaction, and marks each with stepsPrunedAt.
   * The summary and the state stay. Of the steps, what the KPI hand-off reason reads
   * stays (shared/handoff-steps.ts): the first step and the Classify and hand-over
   * steps, with ids, node type and port, payloads emptied; listSteps returns those,
   * listStepsOf none. Saving the execution unfinished again (a retry) clears
   * stepsPrunedAt. Counts already taken
   * from the steps stay as they are (SQLite counts each step into the flow rollup as it
   * is appended; Mongo keeps what its overlay counts from on every step row).
   * Returns how many executions it pruned: fewer than `limit` means none is left.
   */
  pruneSteps(input: PruneStepsInput): Promise<number>;
  countRunning(query?: { flowId?: string }): Promise<RunningCount[]>;
}
