import type { Store } from '@flowdesk/store';
import {
  RateLimiterMongo,
  RateLimiterRes,
  RateLimiterSQLite,
  type RateLimiterStoreAbstract,
} from 'rate-limiter-flexible';
import type { Logger } from '../app-ports.ts';

/** What one limiter counts: `points` per `durationSeconds`, then blocked for `blockSeconds` (0: only until the window ends). */
export interface LimitRule {
  keyPrefix: string;
  points: number;
  durationSeconds: number;
  blockSeconds?: number;
}

/** Expired SQLite rows go at most this often (MongoDB drops them itself with a TTL index). */
const SWEEP_EVERY_MS = 10 * 60 * 1000;

/**
 * rate-limiter-flexible limiters whose counters live in the store's database,
 * so every replica on one database shares each limit. The library keeps its
 * own clock (Date.now), which is why limits are tested in real time.
 * Nothing here runs a timer: expired SQLite rows are deleted in the background
 * after a call, at most every ten minutes, so there is nothing to stop at
 * shutdown and a closed store is never touched by a late timer.
 */
export class StoreRateLimits {
  private sweeper: RateLimiterSQLite | undefined;
  private lastSweepMs = Date.now();

  constructor(
    private readonly store: Pick<Store, 'rateLimiterBackend'>,
    private readonly log: Logger,
  ) {}

  limiter(rule: LimitRule): RateLimiterStoreAbstract {
    const backend = this.store.rateLimiterBackend();
    const common = {
      keyPrefix: rule.keyPrefix,
      points: rule.points,
      duration: rule.durationSeconds,
      blockDuration: rule.blockSeconds ?? 0,
    };
    switch (backend.kind) {
      case 'sqlite': {
        const limiter = new RateLimiterSQLite({
          ...backend.options,
          ...common,
          clearExpiredByTimeout: false,
        });
        this.sweeper ??= limiter;
        return limiter;
      }
      case 'mongo':
        return new RateLimiterMongo({ ...backend.options, ...common });
    }
  }

  /** Deletes expired counters now and then; called after limited calls, never waits for the delete. */
  sweepSoon(): void {
    const now = Date.now();
    const sweeper = this.sweeper as
      | (RateLimiterSQLite & { clearExpired(nowMs: number): Promise<void> })
      | undefined;
    if (!sweeper || now - this.lastSweepMs < SWEEP_EVERY_MS) return;
    this.lastSweepMs = now;
    sweeper.clearExpired(now).catch((error: unknown) => {
      this.log.warn('expired rate-limit counters could not be deleted, will try again', {
        reason: String(error),
      });
    });
  }
}

/**
 * consume() rejects with a RateLimiterRes when the key is over its limit and
 * with an Error when the store fails; this turns the first into a value so
 * only real failures throw.
 */
export async function consumeOrRefusal(
  limiter: RateLimiterStoreAbstract,
  key: string,
  /** `customDuration`: this key's window in seconds when the consume starts one. */
  options?: { customDuration: number },
): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
  try {
    await limiter.consume(key, 1, options);
    return { allowed: true };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      return { allowed: false, retryAfterSeconds: secondsUntil(rejection.msBeforeNext) };
    }
    throw rejection;
  }
}

/** Whole seconds to wait, at least one so a client never retries at once. */
export function secondsUntil(msBeforeNext: number): number {
  return Math.max(1, Math.ceil(msBeforeNext / 1000));
}
