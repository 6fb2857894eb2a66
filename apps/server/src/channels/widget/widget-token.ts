import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The conversation's bearer secret: 32 random bytes the browser keeps; the
 * store only has its SHA-256, so a leaked database does not open chats.
 */
export function newConversationToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Constant-time, on the hashes (equal length whatever the guess). */
export function tokenMatches(token: string, tokenHash: string | null): boolean {
  if (!tokenHash || token === '') return false;
  const given = Buffer.from(hashToken(token), 'hex');
  const stored = Buffer.from(tokenHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** Unguessable and URL-safe; the token, not the id, is what protects the conversation. */
export function newConversationId(): string {
  return `wc_${randomBytes(12).toString('base64url')}`;
}
