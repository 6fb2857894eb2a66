/**
 * Job leases compare and compute times on one clock. Several server replicas
 * share a database but not a clock, so by default the database's clock decides
 * (`$$NOW`, MongoDB ≥ 4.2): a replica whose clock runs ahead can neither claim a
 * job whose lease is still running nor outlive its own lease. The contract
 * suite drives a simulated clock through the port's `now`, so it opens the
 * store with `leaseClock: 'caller'`; both modes build the same queries, and
 * only the "now" expression differs.
 *
 * The builders return aggregation expressions and pipeline updates, in which
 * any string starting with `$` is a field path: every value from the caller is
 * wrapped in `$literal`.
 */
export type LeaseClock = 'database' | 'caller';

export type Expression = unknown;
export type Filter = Record<string, unknown>;
export type PipelineUpdate = Record<string, unknown>[];

/** Milliseconds since the epoch, as jobs store runAt and leaseExpiresAt. */
export function nowMs(clock: LeaseClock, callerNowMs: number): Expression {
  return clock === 'database' ? { $toLong: '$$NOW' } : { $literal: callerNowMs };
}

/** Due (runAt reached) and not leased, or leased with the lease run out. */
export function claimableFilter(now: Expression, kinds?: readonly string[]): Filter {
  const filter: Filter = {
    status: { $in: ['pending', 'running'] },
    $expr: {
      $and: [{ $lte: ['$runAt', now] }, { $lte: [{ $ifNull: ['$leaseExpiresAt', 0] }, now] }],
    },
  };
  if (kinds !== undefined) filter.kind = { $in: [...kinds] };
  return filter;
}

export function claimUpdate(
  now: Expression,
  input: { workerId: string; leaseToken: string; leaseMs: number; updatedAt: string },
): PipelineUpdate {
  return [
    {
      $set: {
        status: { $literal: 'running' },
        attempts: { $add: [{ $ifNull: ['$attempts', 0] }, 1] },
        leasedBy: { $literal: input.workerId },
        leaseToken: { $literal: input.leaseToken },
        leaseExpiresAt: { $add: [now, { $literal: input.leaseMs }] },
        updatedAt: { $literal: input.updatedAt },
      },
    },
  ];
}

/** The lease is still ours: same token, not expired; `also` adds conditions on the document. */
export function leaseHeldFilter(
  jobId: string,
  leaseToken: string,
  now: Expression,
  also?: Expression,
): Filter {
  const held = { $gt: [{ $ifNull: ['$leaseExpiresAt', 0] }, now] };
  return {
    _id: jobId,
    status: 'running',
    leaseToken,
    $expr: also === undefined ? held : { $and: [held, also] },
  };
}

export function extendUpdate(now: Expression, input: { leaseMs: number; updatedAt: string }): PipelineUpdate {
  return [
    {
      $set: {
        leaseExpiresAt: { $add: [now, { $literal: input.leaseMs }] },
        updatedAt: { $literal: input.updatedAt },
      },
    },
  ];
}

const ISO_FORMAT = '%Y-%m-%dT%H:%M:%S.%LZ';

/** The same text as Date#toISOString, for documents whose times are ISO strings. */
export function isoOf(ms: Expression): Expression {
  return { $dateToString: { date: { $toDate: ms }, format: ISO_FORMAT, timezone: 'UTC' } };
}

/**
 * An idempotency key is a lease too: an unanswered reservation is taken over
 * once it is older than the stale time. The upsert stamps a new reservation
 * with `now` and leaves an existing document as it was.
 */
export function reserveUpdate(now: Expression, requestHash: string): PipelineUpdate {
  return [
    {
      $set: {
        requestHash: { $ifNull: ['$requestHash', { $literal: requestHash }] },
        response: { $ifNull: ['$response', null] },
        createdAt: { $ifNull: ['$createdAt', isoOf(now)] },
        completedAt: { $ifNull: ['$completedAt', null] },
      },
    },
  ];
}

/** Unanswered and reserved more than staleForMs ago. */
export function staleReservationFilter(
  scope: string,
  key: string,
  now: Expression,
  staleForMs: number,
): Filter {
  return {
    scope,
    key,
    response: null,
    $expr: { $lt: ['$createdAt', isoOf({ $subtract: [now, { $literal: staleForMs }] })] },
  };
}

export function takeOverUpdate(now: Expression): PipelineUpdate {
  return [{ $set: { createdAt: isoOf(now) } }];
}
