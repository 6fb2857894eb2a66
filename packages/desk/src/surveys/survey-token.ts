import { createHash, randomBytes } from 'node:crypto';

/**
 * A survey link carries 192 random bits; only their SHA-256 is stored, so a
 * copy of the database cannot be turned into working links.
 */
const TOKEN_BYTES = 24;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32}$/;

export function newSurveyToken(): { token: string; hash: string } {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  return { token, hash: hashSurveyToken(token) };
}

export function hashSurveyToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Anything else was never issued by us: answered as not found without a lookup. */
export function isSurveyTokenShape(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}
