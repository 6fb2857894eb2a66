import { describe, expect, it } from 'vitest';
import {
  claimableFilter,
  claimUpdate,
  type Expression,
  extendUpdate,
  type Filter,
  type LeaseClock,
  leaseHeldFilter,
  nowMs,
  type PipelineUpdate,
  reserveUpdate,
  staleReservationFilter,
  takeOverUpdate,
} from './mongo-lease-time.ts';

/**
 * Just enough of MongoDB's query and aggregation semantics to run the builders
 * without a server: the operators they use, `$$NOW` from a given database
 * clock, and field paths. Anything else throws, so a builder that starts using
 * a new operator fails here until this knows it.
 */
type Doc = Record<string, unknown>;

function evaluate(expression: Expression, doc: Doc, databaseNow: number): unknown {
  if (typeof expression === 'string') {
    if (expression === '$$NOW') return new Date(databaseNow);
    return expression.startsWith('$') ? doc[expression.slice(1)] : expression;
  }
  if (Array.isArray(expression)) return expression.map((item) => evaluate(item, doc, databaseNow));
  if (expression === null || typeof expression !== 'object') return expression;
  const [operator, argument] = Object.entries(expression)[0] as [string, unknown];
  if (operator === '$literal') return argument;
  const value = (item: unknown) => evaluate(item, doc, databaseNow);
  const args =
    operator === '$dateToString' ? [] : Array.isArray(argument) ? argument.map(value) : [value(argument)];
  const [a, b] = args as [number, number];
  switch (operator) {
    case '$toLong':
      return (args[0] as Date).getTime();
    case '$add':
      return (args as number[]).reduce((sum, item) => sum + item, 0);
    case '$subtract':
      return a - b;
    case '$toDate':
      return new Date(args[0] as number);
    case '$dateToString': {
      // Only the ISO format in UTC the builders ask for.
      const spec = argument as { date: Expression; format: string; timezone: string };
      if (spec.format !== '%Y-%m-%dT%H:%M:%S.%LZ' || spec.timezone !== 'UTC')
        throw new Error('unknown format');
      return (value(spec.date) as Date).toISOString();
    }
    case '$ifNull':
      return args[0] ?? args[1];
    case '$lte':
      return a <= b;
    case '$lt':
      return a < b;
    case '$gt':
      return (a ?? Number.NEGATIVE_INFINITY) > b;
    case '$gte':
      return a >= b;
    case '$and':
      return args.every(Boolean);
    default:
      throw new Error(`the test evaluator does not know ${operator}`);
  }
}

function matches(filter: Filter, doc: Doc, databaseNow: number): boolean {
  return Object.entries(filter).every(([field, condition]) => {
    if (field === '$expr') return evaluate(condition, doc, databaseNow) === true;
    if (condition !== null && typeof condition === 'object' && '$in' in condition) {
      return (condition.$in as unknown[]).includes(doc[field]);
    }
    return doc[field] === condition;
  });
}

function applyPipeline(update: PipelineUpdate, doc: Doc, databaseNow: number): Doc {
  let result = { ...doc };
  for (const stage of update) {
    const set = stage.$set as Record<string, Expression>;
    const computed = Object.fromEntries(
      Object.entries(set).map(([field, expression]) => [field, evaluate(expression, result, databaseNow)]),
    );
    result = { ...result, ...computed };
  }
  return result;
}

const DATABASE_NOW = Date.parse('2026-11-22T08:00:00.000Z');
const LEASE_MS = 30_000;

function pendingJob(runAt: number): Doc {
  return { _id: 'job-1', kind: 'timer', status: 'pending', runAt, attempts: 0, leaseExpiresAt: null };
}

/** Claims on a replica whose clock is `skewMs` off the database's. */
function claim(doc: Doc, clock: LeaseClock, skewMs: number, databaseNow = DATABASE_NOW): Doc | null {
  const now = nowMs(clock, databaseNow + skewMs);
  if (!matches(claimableFilter(now), doc, databaseNow)) return null;
  const update = claimUpdate(now, {
    workerId: 'worker-a',
    leaseToken: 'token-a',
    leaseMs: LEASE_MS,
    updatedAt: new Date(databaseNow + skewMs).toISOString(),
  });
  return applyPipeline(update, doc, databaseNow);
}

describe('job lease times on the database clock', () => {
  it('does not run a timer early for a replica whose clock runs ahead', () => {
    const due = pendingJob(DATABASE_NOW + 60_000);
    expect(claim(due, 'database', 5 * 60_000)).toBeNull();
    // The same replica on its own clock would have claimed it a minute early.
    expect(claim(due, 'caller', 5 * 60_000)).not.toBeNull();
    expect(claim(due, 'database', 0, DATABASE_NOW + 60_000)).not.toBeNull();
  });

  it('sets the lease from the database clock whatever the claiming replica believes', () => {
    const claimed = claim(pendingJob(DATABASE_NOW - 1), 'database', -10 * 60_000);
    expect(claimed).toMatchObject({
      status: 'running',
      attempts: 1,
      leasedBy: 'worker-a',
      leaseToken: 'token-a',
      leaseExpiresAt: DATABASE_NOW + LEASE_MS,
    });
  });

  it('keeps a running lease from a replica whose clock runs ahead, and frees it once it has run out', () => {
    const leased = claim(pendingJob(DATABASE_NOW - 1), 'database', 0) as Doc;
    expect(claim(leased, 'database', 2 * LEASE_MS)).toBeNull();
    expect(claim(leased, 'database', 0, DATABASE_NOW + LEASE_MS)).toMatchObject({ attempts: 2 });
  });

  it('lets the holder extend or finish only while the database says its lease runs', () => {
    const leased = claim(pendingJob(DATABASE_NOW - 1), 'database', 0) as Doc;
    const held = (databaseNow: number, skewMs: number) =>
      matches(
        leaseHeldFilter('job-1', 'token-a', nowMs('database', databaseNow + skewMs)),
        leased,
        databaseNow,
      );
    // A holder whose clock lags still loses the lease when the database says it ran out.
    expect(held(DATABASE_NOW + LEASE_MS, -LEASE_MS)).toBe(false);
    expect(held(DATABASE_NOW + LEASE_MS - 1, LEASE_MS)).toBe(true);
    expect(
      matches(leaseHeldFilter('job-1', 'stolen', nowMs('database', DATABASE_NOW)), leased, DATABASE_NOW),
    ).toBe(false);

    const extended = applyPipeline(
      extendUpdate(nowMs('database', 0), { leaseMs: LEASE_MS, updatedAt: 'x' }),
      leased,
      DATABASE_NOW + 20_000,
    );
    expect(extended.leaseExpiresAt).toBe(DATABASE_NOW + 20_000 + LEASE_MS);
  });

  it('checks extra conditions alongside the lease, as fail does with attempts', () => {
    const leased = claim(pendingJob(DATABASE_NOW - 1), 'caller', 0) as Doc;
    const now = nowMs('caller', DATABASE_NOW);
    const usedUp = { ...leased, maxAttempts: 1 };
    expect(
      matches(leaseHeldFilter('job-1', 'token-a', now, { $lt: ['$attempts', '$maxAttempts'] }), usedUp, 0),
    ).toBe(false);
    expect(
      matches(leaseHeldFilter('job-1', 'token-a', now, { $gte: ['$attempts', '$maxAttempts'] }), usedUp, 0),
    ).toBe(true);
  });

  it('stores a worker id or token that looks like a field path as it is', () => {
    const claimed = claimUpdate(nowMs('caller', 0), {
      workerId: '$attempts',
      leaseToken: '$$NOW',
      leaseMs: 1,
      updatedAt: '$runAt',
    });
    const after = applyPipeline(claimed, pendingJob(5), 0);
    expect(after).toMatchObject({ leasedBy: '$attempts', leaseToken: '$$NOW', updatedAt: '$runAt' });
  });

  it('never puts the caller clock into a database-clock query', () => {
    const callerNow = 1_234_567_890_123;
    const now = nowMs('database', callerNow);
    const built = JSON.stringify([
      claimableFilter(now, ['timer']),
      claimUpdate(now, { workerId: 'w', leaseToken: 't', leaseMs: LEASE_MS, updatedAt: 'x' }),
      leaseHeldFilter('job-1', 't', now),
      extendUpdate(now, { leaseMs: LEASE_MS, updatedAt: 'x' }),
    ]);
    expect(built).not.toContain(String(callerNow));
    expect(built.match(/\$\$NOW/g)).toHaveLength(5);
  });
});

describe('idempotency reservations on the database clock', () => {
  const STALE_MS = 60_000;
  const iso = (ms: number) => new Date(ms).toISOString();

  it('stamps a new reservation with the database time and leaves an existing one as it was', () => {
    // The replica's clock is ten minutes behind the database's.
    const now = nowMs('database', DATABASE_NOW - 600_000);
    const inserted = applyPipeline(
      reserveUpdate(now, 'hash-1'),
      { scope: 'intake', key: 'k1' },
      DATABASE_NOW,
    );
    expect(inserted).toEqual({
      scope: 'intake',
      key: 'k1',
      requestHash: 'hash-1',
      response: null,
      createdAt: iso(DATABASE_NOW),
      completedAt: null,
    });
    const answered = { ...inserted, response: { status: 202 }, completedAt: iso(DATABASE_NOW + 5) };
    expect(applyPipeline(reserveUpdate(now, '$other'), answered, DATABASE_NOW + 10)).toEqual(answered);
  });

  it('takes over an unanswered reservation only once the database says it is stale', () => {
    const reserved = {
      scope: 'intake',
      key: 'k1',
      requestHash: 'h',
      response: null,
      createdAt: iso(DATABASE_NOW),
    };
    // A replica whose clock runs an hour ahead still cannot take over a fresh reservation.
    const ahead = nowMs('database', DATABASE_NOW + 3_600_000);
    const stale = (databaseNow: number) =>
      matches(staleReservationFilter('intake', 'k1', ahead, STALE_MS), reserved, databaseNow);
    expect(stale(DATABASE_NOW + STALE_MS)).toBe(false);
    expect(stale(DATABASE_NOW + STALE_MS + 1)).toBe(true);
    expect(
      matches(
        staleReservationFilter('intake', 'k1', ahead, STALE_MS),
        { ...reserved, response: { status: 202 } },
        DATABASE_NOW + STALE_MS + 1,
      ),
    ).toBe(false);
    const taken = applyPipeline(takeOverUpdate(ahead), reserved, DATABASE_NOW + STALE_MS + 1);
    expect(taken.createdAt).toBe(iso(DATABASE_NOW + STALE_MS + 1));
  });

  it('follows the caller clock in caller mode, as the contract suite needs', () => {
    const inserted = applyPipeline(reserveUpdate(nowMs('caller', 1_000), 'h'), {}, DATABASE_NOW);
    expect(inserted.createdAt).toBe(iso(1_000));
  });
});
