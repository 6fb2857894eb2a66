import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The official-account platform signs every call to the webhook: SHA1 of the
 * token, timestamp and nonce, sorted and joined. Only someone who knows the
 * token can produce it, so it is what authenticates the platform. It does not
 * cover the body, so a signed query string that leaks would authenticate any
 * XML: the timestamp must be recent (here) and each nonce is used once
 * (wechat-nonce.ts), which limits a leak to one message within minutes.
 */

/** The platform's clock and ours may differ a little; a request older (or newer) than this is refused. */
export const WECHAT_MAX_CLOCK_SKEW_SECONDS = 300;

export function wechatSignature(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
}

export interface SignatureQuery {
  signature?: unknown;
  timestamp?: unknown;
  nonce?: unknown;
}

/** Constant-time, so the comparison does not tell an attacker how much of a guess was right. */
export function signatureMatches(token: string, query: SignatureQuery): boolean {
  const { signature, timestamp, nonce } = query;
  if (typeof signature !== 'string' || typeof timestamp !== 'string' || typeof nonce !== 'string') {
    return false;
  }
  if (!/^[0-9a-f]{40}$/i.test(signature) || timestamp.length > 32 || nonce.length > 64) return false;
  const expected = Buffer.from(wechatSignature(token, timestamp, nonce), 'utf8');
  return timingSafeEqual(expected, Buffer.from(signature.toLowerCase(), 'utf8'));
}

/** The signed timestamp (Unix seconds) is within the allowed skew of our clock. */
export function timestampIsFresh(timestamp: unknown, now: Date): boolean {
  if (typeof timestamp !== 'string' || !/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(now.getTime() / 1000 - Number(timestamp)) <= WECHAT_MAX_CLOCK_SKEW_SECONDS;
}
