import type { JsonValue, Store, StoredResponse } from '@flowdesk/store';
import { sha256Hex } from '../auth/secrets.ts';
import { AppError } from '../http/app-error.ts';

/**
 * Idempotency-Key handling: the first request with a key runs and its answer is
 * stored; a repeat gets the same answer and starts nothing; the same key with a
 * different body is a 409, as is a repeat while the first is still running.
 * A failed first attempt releases the key so the client can try again.
 */

const KEY_RE = /^[\x21-\x7E]{1,255}$/;

/**
 * The intake stores its answer in the same transaction as its work, so an
 * unanswered reservation this old means nothing was done and the key is free.
 */
export const STALE_RESERVATION_MS = 60_000;

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` hash alike. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * How long the key can stay blocked: until the reservation is answered or, if
 * its request died with its process (SIGKILL, crash), until it goes stale and
 * the next request takes it over. A live request usually answers sooner, and
 * a retry then gets its answer; a retry before this time may still find the
 * key blocked, so this is the wait a client can rely on.
 */
export function retryAfterSeconds(reservedAt: string, now: Date): number {
  const staleAt = Date.parse(reservedAt) + STALE_RESERVATION_MS;
  return Math.max(1, Math.ceil((staleAt - now.getTime()) / 1000));
}

export interface IdempotentCall {
  store: Store;
  scope: string;
  key: string;
  body: unknown;
  now: Date;
}

export interface IdempotentOutcome {
  response: StoredResponse;
  replayed: boolean;
}

export function checkIdempotencyKey(key: string): void {
  if (!KEY_RE.test(key)) throw new AppError('bad_request', 'idempotency_key_invalid');
}

export async function withIdempotency(
  call: IdempotentCall,
  handle: () => Promise<{ status: number; body: JsonValue }>,
): Promise<IdempotentOutcome> {
  checkIdempotencyKey(call.key);
  const { store, scope, key } = call;
  const requestHash = sha256Hex(canonicalJson(call.body));
  // A reservation unanswered for this long belongs to a request that died with its process.
  const staleBefore = new Date(call.now.getTime() - STALE_RESERVATION_MS).toISOString();
  const reservation = await store.idempotency.reserve(
    scope,
    key,
    requestHash,
    call.now.toISOString(),
    staleBefore,
  );
  switch (reservation.outcome) {
    case 'replay':
      return { response: reservation.response, replayed: true };
    case 'mismatch':
      throw new AppError('conflict', 'idempotency_mismatch');
    case 'in_progress': {
      const seconds = retryAfterSeconds(reservation.reservedAt, call.now);
      throw new AppError('conflict', 'idempotency_in_progress', {
        params: { seconds },
        extra: { retryAfterSeconds: seconds },
      });
    }
    case 'new':
      break;
  }
  let response: StoredResponse;
  try {
    response = await handle();
  } catch (error) {
    await store.idempotency.release(scope, key);
    throw error;
  }
  await store.idempotency.saveResponse(scope, key, response, call.now.toISOString());
  return { response, replayed: false };
}
