import type { Store } from '@flowdesk/store';
import { sha256Hex } from '../../auth/secrets.ts';

/**
 * Each signed (timestamp, nonce) pair authenticates one message body only.
 * The pairs are kept in the shared idempotency store, so every server process
 * sees them, keyed by the pair and holding a hash of the body they came with:
 * the same pair with the same body is the platform retrying (allowed; the
 * MsgId de-duplication answers it), the same pair with another body is a
 * replayed query string carrying a forged message (refused). Records older than
 * the timestamp window are never needed again and go with the idempotency purge.
 */

const SCOPE = 'channel:wechat:nonce';

export interface SignedCall {
  timestamp: string;
  nonce: string;
  body: string;
  now: Date;
}

/** True when this pair is new, or was seen with exactly this body before. */
export async function claimNonce(store: Store, call: SignedCall): Promise<boolean> {
  // Hashed: the key must be short printable ASCII, whatever the query carried.
  const key = sha256Hex(`${call.timestamp}:${call.nonce}`);
  const at = call.now.toISOString();
  const reservation = await store.idempotency.reserve(SCOPE, key, sha256Hex(call.body), at);
  switch (reservation.outcome) {
    case 'new':
      await store.idempotency.saveResponse(SCOPE, key, { status: 200, body: null }, at);
      return true;
    case 'replay':
    case 'in_progress':
      return true;
    case 'mismatch':
      return false;
  }
}
