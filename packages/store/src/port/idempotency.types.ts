import type { JsonValue } from './json.types.ts';

/** The response the intake API replays for a repeated Idempotency-Key. */
export interface StoredResponse {
  status: number;
  body: JsonValue;
  headers?: Record<string, string>;
}

export type IdempotencyReservation =
  /** First time: the caller handles the request, then saves the response. */
  | { outcome: 'new' }
  /** Seen and answered: replay this response. */
  | { outcome: 'replay'; response: StoredResponse }
  /**
   * Seen, still being handled by another request, reserved (or last taken
   * over) at `reservedAt`: with a stale time the caller can tell how long a
   * reservation of a request that died with its process still blocks the key.
   */
  | { outcome: 'in_progress'; reservedAt: string }
  /** Same key, different request body: a client bug worth a 422. */
  | { outcome: 'mismatch' };

export interface IdempotencyRepository {
  /**
   * With `staleBefore`, a reservation made before that time and never answered
   * is taken over ('new'): its request died with its process, and because the
   * answer is stored in the same transaction as the work, nothing was done.
   */
  reserve(
    scope: string,
    key: string,
    requestHash: string,
    now: string,
    staleBefore?: string,
  ): Promise<IdempotencyReservation>;
  /** Returns false when the key was never reserved (or was released). */
  saveResponse(scope: string, key: string, response: StoredResponse, now: string): Promise<boolean>;
  /** Forgets a reservation whose request failed, so the client may retry it. */
  release(scope: string, key: string): Promise<boolean>;
  /** Removes keys reserved before the given time; returns how many. */
  purgeBefore(before: string): Promise<number>;
}

export interface CounterRepository {
  /** Adds one and returns the new value (1 for a new name); atomic across processes. */
  next(name: string): Promise<number>;
  /** The last value handed out, 0 for a new name. */
  current(name: string): Promise<number>;
}
