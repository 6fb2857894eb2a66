import type { CounterRepository, IdempotencyRepository, StoredResponse } from '../port/idempotency.types.ts';
import { isoToMs, normalizeIso } from '../shared/time.ts';
import type { MongoContext } from './mongo-context.ts';
import { decodeDocument, encodeDocument } from './mongo-key-codec.ts';
import { nowMs, reserveUpdate, staleReservationFilter, takeOverUpdate } from './mongo-lease-time.ts';
import type { CounterDoc, IdempotencyDoc } from './mongo-models.ts';

export function createMongoIdempotencyRepository(ctx: MongoContext): IdempotencyRepository {
  const { idempotency } = ctx.models;
  const session = ctx.session;
  return {
    async reserve(scope, key, requestHash, now, staleBefore) {
      // Reservation times come from the database clock, like job leases, unless a test drives the time.
      const at = nowMs(ctx.leaseClock, isoToMs(now));
      // Upsert returning the document as it was: null means this call inserted it.
      const before = await idempotency
        .findOneAndUpdate({ scope, key }, reserveUpdate(at, requestHash), {
          upsert: true,
          returnDocument: 'before',
          session,
          updatePipeline: true,
        })
        .lean<IdempotencyDoc>()
        .exec();
      if (!before) return { outcome: 'new' as const };
      if (before.requestHash !== requestHash) return { outcome: 'mismatch' as const };
      if (before.response === null || before.response === undefined) {
        const reservedAt = before.createdAt;
        if (staleBefore === undefined) return { outcome: 'in_progress' as const, reservedAt };
        const staleForMs = isoToMs(now) - isoToMs(staleBefore);
        const taken = await idempotency
          .updateOne(staleReservationFilter(scope, key, at, staleForMs), takeOverUpdate(at), {
            session,
            updatePipeline: true,
          })
          .exec();
        if (taken.modifiedCount > 0) return { outcome: 'new' as const };
        // Stale when read but not taken: another request took it over just now.
        const current = reservedAt < normalizeIso(staleBefore) ? normalizeIso(now) : reservedAt;
        return { outcome: 'in_progress' as const, reservedAt: current };
      }
      return {
        outcome: 'replay' as const,
        response: decodeDocument(before.response) as unknown as StoredResponse,
      };
    },

    async saveResponse(scope, key, response, now) {
      const result = await idempotency
        .updateOne(
          { scope, key },
          { $set: { response: encodeDocument(response), completedAt: normalizeIso(now) } },
          { session },
        )
        .exec();
      return result.matchedCount > 0;
    },

    async release(scope, key) {
      const result = await idempotency.deleteOne({ scope, key }, { session }).exec();
      return result.deletedCount > 0;
    },

    async purgeBefore(before) {
      const result = await idempotency
        .deleteMany({ createdAt: { $lt: normalizeIso(before) } }, { session })
        .exec();
      return result.deletedCount;
    },
  };
}

export function createMongoCounterRepository(ctx: MongoContext): CounterRepository {
  const { counters } = ctx.models;
  const session = ctx.session;
  return {
    async next(name) {
      const doc = await counters
        .findOneAndUpdate(
          { _id: name },
          { $inc: { value: 1 } },
          { upsert: true, returnDocument: 'after', session },
        )
        .lean<CounterDoc>()
        .exec();
      if (!doc) throw new Error(`Counter ${name} was not returned by an upsert`);
      return doc.value;
    },

    async current(name) {
      const doc = await counters
        .findById(name)
        .session(session ?? null)
        .lean<CounterDoc>()
        .exec();
      return doc?.value ?? 0;
    },
  };
}
