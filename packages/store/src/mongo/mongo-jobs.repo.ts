import { randomUUID } from 'node:crypto';
import type { Job, JobRepository, LeaseResult } from '../port/job.types.ts';
import { DEFAULT_MAX_ATTEMPTS } from '../port/job.types.ts';
import type { JsonObject } from '../port/json.types.ts';
import { jobListSize } from '../shared/page-size.ts';
import { isoToMs, msToIso, normalizeIso, nullableMsToIso } from '../shared/time.ts';
import {
  escapeRegExp,
  isDuplicateKeyError,
  type MongoContext,
  translateMongoError,
} from './mongo-context.ts';
import { decodeDocument, encodeDocument } from './mongo-key-codec.ts';
import {
  claimableFilter,
  claimUpdate,
  extendUpdate,
  type Filter,
  leaseHeldFilter,
  nowMs,
  type PipelineUpdate,
} from './mongo-lease-time.ts';
import type { JobDoc } from './mongo-models.ts';

function toJob(doc: JobDoc): Job {
  return {
    id: doc._id,
    kind: doc.kind,
    status: doc.status,
    runAt: msToIso(doc.runAt),
    payload: decodeDocument(doc.payload ?? {}) as JsonObject,
    idempotencyKey: doc.idempotencyKey ?? null,
    attempts: doc.attempts,
    maxAttempts: doc.maxAttempts,
    leasedBy: doc.leasedBy ?? null,
    leaseToken: doc.leaseToken ?? null,
    leaseExpiresAt: nullableMsToIso(doc.leaseExpiresAt),
    lastError: doc.lastError ?? null,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    finishedAt: doc.finishedAt ?? null,
  };
}

const RELEASE = { leaseToken: null, leaseExpiresAt: null };

export function createMongoJobRepository(ctx: MongoContext): JobRepository {
  const { jobs } = ctx.models;
  const session = ctx.session;
  const lost: LeaseResult = { ok: false, reason: 'lease_lost' };

  // Lease arithmetic runs on the database clock ($$NOW) unless the store was opened to follow the caller's.
  const leaseNow = (callerIso: string) => nowMs(ctx.leaseClock, isoToMs(callerIso));

  async function updateHeld(
    filter: Filter,
    update: Record<string, unknown> | PipelineUpdate,
  ): Promise<LeaseResult> {
    const doc = await jobs
      .findOneAndUpdate(filter, Array.isArray(update) ? update : { $set: update }, {
        returnDocument: 'after',
        session,
        // Pipeline updates are passed to the server as they are; mongoose cannot cast them.
        updatePipeline: true,
      })
      .lean<JobDoc>()
      .exec();
    return doc ? { ok: true, job: toJob(doc) } : lost;
  }

  return {
    async enqueue(input) {
      const now = normalizeIso(input.now);
      const doc: JobDoc = {
        _id: input.id,
        kind: input.kind,
        status: 'pending',
        runAt: isoToMs(input.runAt),
        payload: encodeDocument(input.payload),
        attempts: 0,
        maxAttempts: input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        leasedBy: null,
        leaseToken: null,
        leaseExpiresAt: null,
        lastError: null,
        createdAt: now,
        updatedAt: now,
        finishedAt: null,
      };
      const key = input.idempotencyKey ?? null;
      try {
        if (key === null) {
          await jobs.insertMany([doc], { session });
          return { created: true, job: toJob(doc) };
        }
        // An upsert keyed on the unique idempotency key: the server decides who inserts.
        const before = await jobs
          .findOneAndUpdate(
            { idempotencyKey: key },
            // The key itself comes from the filter on insert.
            { $setOnInsert: doc },
            { upsert: true, returnDocument: 'before', session },
          )
          .lean<JobDoc>()
          .exec();
        if (before) return { created: false, job: toJob(before) };
        return { created: true, job: toJob({ ...doc, idempotencyKey: key }) };
      } catch (error) {
        // Two first enqueues racing on one key: the loser reads the winner's job. Inside a
        // transaction the error has aborted it: nothing more may run in it, so the error ends
        // it and the transaction starts over, its upsert then finding the winner's job.
        const existing =
          key !== null && session === undefined && isDuplicateKeyError(error)
            ? await jobs
                .findOne({ idempotencyKey: key })
                .session(session ?? null)
                .lean<JobDoc>()
                .exec()
            : null;
        if (existing) return { created: false, job: toJob(existing) };
        return translateMongoError(error, `Job ${input.id}`);
      }
    },

    async claimDue(input) {
      const at = leaseNow(input.now);
      const filter = claimableFilter(at, input.kinds);
      const updatedAt = normalizeIso(input.now);
      const claimed: Job[] = [];
      // Each findOneAndUpdate is atomic on its document, so two workers never lease the same job.
      for (let index = 0; index < input.limit; index += 1) {
        const doc = await jobs
          .findOneAndUpdate(
            filter,
            claimUpdate(at, {
              workerId: input.workerId,
              leaseToken: randomUUID(),
              leaseMs: input.leaseMs,
              updatedAt,
            }),
            { sort: { runAt: 1, _id: 1 }, returnDocument: 'after', session, updatePipeline: true },
          )
          .lean<JobDoc>()
          .exec();
        if (!doc) break;
        claimed.push(toJob(doc));
      }
      return claimed;
    },

    complete(jobId, leaseToken, now) {
      const iso = normalizeIso(now);
      return updateHeld(leaseHeldFilter(jobId, leaseToken, leaseNow(iso)), {
        ...RELEASE,
        status: 'completed',
        updatedAt: iso,
        finishedAt: iso,
      });
    },

    async fail(jobId, leaseToken, now, input) {
      const iso = normalizeIso(now);
      const held = (also?: unknown) => leaseHeldFilter(jobId, leaseToken, leaseNow(iso), also);
      const dead = { ...RELEASE, status: 'dead', lastError: input.error, updatedAt: iso, finishedAt: iso };
      if ('dead' in input) return updateHeld(held(), dead);
      const retried = await updateHeld(held({ $lt: ['$attempts', '$maxAttempts'] }), {
        ...RELEASE,
        status: 'pending',
        runAt: isoToMs(input.retryAt),
        lastError: input.error,
        updatedAt: iso,
      });
      if (retried.ok) return retried;
      // Attempts used up: the retry becomes a dead job instead.
      return updateHeld(held({ $gte: ['$attempts', '$maxAttempts'] }), dead);
    },

    extendLease(jobId, leaseToken, callerNow, leaseMs) {
      const at = leaseNow(callerNow);
      return updateHeld(
        leaseHeldFilter(jobId, leaseToken, at),
        extendUpdate(at, { leaseMs, updatedAt: normalizeIso(callerNow) }),
      );
    },

    async cancel(target, now) {
      const iso = normalizeIso(now);
      const filter: Record<string, unknown> = { status: { $in: ['pending', 'running'] } };
      if ('id' in target) filter._id = target.id;
      else filter.idempotencyKey = { $regex: `^${escapeRegExp(target.idempotencyKeyPrefix)}` };
      const result = await jobs
        .updateMany(
          filter,
          { $set: { ...RELEASE, status: 'cancelled', updatedAt: iso, finishedAt: iso } },
          { session },
        )
        .exec();
      return result.modifiedCount;
    },

    async get(id) {
      const doc = await jobs
        .findById(id)
        .session(session ?? null)
        .lean<JobDoc>()
        .exec();
      return doc ? toJob(doc) : null;
    },

    async list(query = {}) {
      const filter: Record<string, unknown> = {};
      if (query.status !== undefined) filter.status = query.status;
      if (query.kind !== undefined) filter.kind = query.kind;
      const docs = await jobs
        .find(filter)
        .sort({ runAt: 1, _id: 1 })
        .limit(jobListSize(query.limit))
        .session(session ?? null)
        .lean<JobDoc[]>()
        .exec();
      return docs.map(toJob);
    },

    async purgeFinished(finishedBefore, limit) {
      const old = await jobs
        .find({ finishedAt: { $type: 'string', $lt: normalizeIso(finishedBefore) } }, { _id: 1 })
        .sort({ finishedAt: 1 })
        .limit(Math.max(0, limit))
        .session(session ?? null)
        .lean<Array<Pick<JobDoc, '_id'>>>()
        .exec();
      if (old.length === 0) return 0;
      const removed = await jobs
        // Still finished: a job is never reopened, but the filter keeps the delete honest if one were.
        .deleteMany({ _id: { $in: old.map((doc) => doc._id) }, finishedAt: { $type: 'string' } }, { session })
        .exec();
      return removed.deletedCount;
    },

    async queueStats(now) {
      const at = leaseNow(now);
      const claimable = claimableFilter(at).$expr;
      // The { status, runAt } index narrows the match to unfinished jobs; one group counts them.
      const [stats] = await jobs
        .aggregate<{ pending: number; running: number; due: number; oldestDue: number | null }>([
          { $match: { status: { $in: ['pending', 'running'] } } },
          {
            $group: {
              _id: null,
              pending: { $sum: { $cond: [{ $eq: ['$status', 'pending'] }, 1, 0] } },
              running: { $sum: { $cond: [{ $eq: ['$status', 'running'] }, 1, 0] } },
              due: { $sum: { $cond: [claimable, 1, 0] } },
              oldestDue: { $min: { $cond: [claimable, '$runAt', null] } },
            },
          },
        ])
        .session(session ?? null)
        .exec();
      return {
        pending: stats?.pending ?? 0,
        running: stats?.running ?? 0,
        due: stats?.due ?? 0,
        oldestDueAt: nullableMsToIso(stats?.oldestDue ?? null),
      };
    },
  };
}
