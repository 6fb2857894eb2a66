import type { JsonObject } from './json.types.ts';

/**
 * Durable jobs: timers, outbox deliveries and retries. A job is held through a
 * lease; only the holder of the current lease token may finish it, so several
 * processes sharing one database never run a job twice at the same time.
 */
export const JOB_STATUSES = ['pending', 'running', 'completed', 'dead', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const DEFAULT_MAX_ATTEMPTS = 5;

export interface Job {
  id: string;
  kind: string;
  status: JobStatus;
  runAt: string;
  payload: JsonObject;
  idempotencyKey: string | null;
  /** Claims so far, counting the current one. */
  attempts: number;
  maxAttempts: number;
  leasedBy: string | null;
  leaseToken: string | null;
  leaseExpiresAt: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface EnqueueJobInput {
  id: string;
  kind: string;
  runAt: string;
  payload: JsonObject;
  /** Unique: enqueueing the same key again returns the existing job and changes nothing. */
  idempotencyKey?: string | null;
  maxAttempts?: number;
  now: string;
}

export interface EnqueueResult {
  created: boolean;
  job: Job;
}

export interface ClaimJobsInput {
  workerId: string;
  now: string;
  leaseMs: number;
  limit: number;
  kinds?: readonly string[];
}

export type LeaseResult = { ok: true; job: Job } | { ok: false; reason: 'lease_lost' };

/**
 * retryAt puts the job back to pending unless its attempts are used up, in which
 * case it becomes dead; dead: true ends it now (an error retrying cannot fix).
 */
export type FailJobInput = { retryAt: string; error: string } | { dead: true; error: string };

export type CancelJobTarget = { id: string } | { idempotencyKeyPrefix: string };

export interface ListJobsQuery {
  status?: JobStatus;
  kind?: string;
  /** Default 100, at most 1000. */
  limit?: number;
}

/** The queue as an operator sees it (the server's /metrics gauges); counts jobs not yet finished. */
export interface JobQueueStats {
  pending: number;
  running: number;
  /** Jobs a worker could claim now: pending and due, or running with their lease run out. */
  due: number;
  /** The earliest runAt among the due jobs; now minus it is how far the workers lag behind. */
  oldestDueAt: string | null;
}

export interface JobRepository {
  enqueue(input: EnqueueJobInput): Promise<EnqueueResult>;
  /** Leases up to limit due jobs (pending, or running with an expired lease), earliest runAt first. */
  claimDue(input: ClaimJobsInput): Promise<Job[]>;
  complete(jobId: string, leaseToken: string, now: string): Promise<LeaseResult>;
  fail(jobId: string, leaseToken: string, now: string, input: FailJobInput): Promise<LeaseResult>;
  extendLease(jobId: string, leaseToken: string, now: string, leaseMs: number): Promise<LeaseResult>;
  /** Cancels pending or running jobs; returns how many changed. A running holder then loses its lease. */
  cancel(target: CancelJobTarget, now: string): Promise<number>;
  get(id: string): Promise<Job | null>;
  /** Earliest runAt first. */
  list(query?: ListJobsQuery): Promise<Job[]>;
  /** Counts of unfinished jobs at `now`, read from the due index only (cheap enough for every scrape). */
  queueStats(now: string): Promise<JobQueueStats>;
  /**
   * Retention: deletes up to `limit` finished jobs (completed, dead or cancelled) whose
   * finishedAt is before `finishedBefore`, oldest first, in one write; their idempotency
   * keys are forgotten with them. Returns how many went: fewer than `limit` means none is left.
   */
  purgeFinished(finishedBefore: string, limit: number): Promise<number>;
}
