import type { UserRole } from '../port/access.types.ts';
import type { ExecutionStatus } from '../port/execution.types.ts';
import type { JobStatus } from '../port/job.types.ts';
import type { FlowGraph, Locale, LocalizedText } from '../port/model.types.ts';

/**
 * The documents the Mongo adapter stores, one interface per collection, mirroring
 * the SQLite tables. Times are ISO strings except job
 * times (epoch milliseconds, for lease arithmetic in filters). Documents keep
 * empty objects (minimize: false) so a state document comes back unchanged.
 * JSON documents are typed loosely here (the recursive JSON type is too deep for
 * mongoose's schema inference); repositories give them their port types.
 */
export type StoredObject = Record<string, unknown>;

export interface FlowDoc {
  _id: string;
  workspaceId: string;
  name: string;
  /** The name in both languages (flows installed from a template); absent otherwise. */
  localizedName?: LocalizedText;
  description: string;
  draft: FlowGraph;
  draftRevision: number;
  /** Highest published version: $inc here hands out version numbers atomically. */
  lastVersion: number;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  archivedAt: string | null;
  /** Missing on documents written before migration 17: on. */
  enabled?: boolean;
  /** Missing on documents written before migration 17: 0, so creation time orders them. */
  position?: number;
}

export interface VersionDoc {
  flowId: string;
  version: number;
  graph: FlowGraph;
  note: string;
  author: string;
  publishedAt: string;
}

/** The ticket and customer copied out of the state (shared/execution-search-keys.ts); absent before migration 18. */
export interface ExecutionSearchDoc {
  ticketNumber: string | null;
  customerId: string | null;
  customerName: string | null;
  customerEmail: string | null;
  customerPhone: string | null;
  customerChannelId: string | null;
}

export interface ExecutionDoc {
  _id: string;
  flowId: string;
  version: number;
  status: ExecutionStatus;
  currentNodeId: string | null;
  state: StoredObject;
  revision: number;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
  search?: ExecutionSearchDoc;
  /** When the retention prune took the step log (ExecutionRepository.pruneSteps). */
  stepsPrunedAt?: string | null;
}

export interface StepDoc {
  executionId: string;
  seq: number;
  nodeId: string;
  nodeType: string;
  visit: number;
  input: unknown;
  output: unknown;
  port: string | null;
  startedAt: string;
  finishedAt: string;
  error: StoredObject | null;
  /**
   * Set by the retention prune: the step's data is gone and listSteps no longer shows it; what
   * the flow overlay counts from (node, port, times, failure, a resolve step's status) stays,
   * because Mongo computes the overlay from the steps (SQLite counted them into a rollup).
   */
  pruned?: boolean;
}

export interface JobDoc {
  _id: string;
  kind: string;
  status: JobStatus;
  runAt: number;
  payload: StoredObject;
  /** Absent rather than null when unset, so the partial unique index skips it. */
  idempotencyKey?: string;
  attempts: number;
  maxAttempts: number;
  leasedBy: string | null;
  leaseToken: string | null;
  leaseExpiresAt: number | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface IdempotencyDoc {
  scope: string;
  key: string;
  requestHash: string;
  response: StoredObject | null;
  createdAt: string;
  completedAt: string | null;
}

export interface CounterDoc {
  _id: string;
  value: number;
}

export interface UserDoc {
  _id: string;
  email: string;
  emailKey: string;
  name: string;
  role: UserRole;
  passwordHash: string;
  locale: Locale;
  createdAt: string;
  /** Absent on documents written before migration 22. */
  deactivatedAt?: string | null;
  mustChangePassword?: boolean;
}

export interface SessionDoc {
  _id: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
}

export interface ApiKeyDoc {
  _id: string;
  name: string;
  keyHash: string;
  prefix: string;
  role: UserRole;
  scopes: string[];
  createdAt: string;
  revokedAt: string | null;
}
