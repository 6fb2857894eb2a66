import { createHash, randomBytes, randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** Random tokens, their at-rest hashes, and password hashing. */

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** For high-entropy secrets (session tokens, API keys) a fast hash is enough: there is nothing to guess. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** @node-rs/argon2 defaults to Argon2id (m=19 MiB, t=2, p=1), OWASP's recommended minimum. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash must not let anyone in, nor crash the login.
    return false;
  }
}

/** A generated admin password: 24 characters (~140 bits), with no look-alike characters to misread. */
export function generatePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  return Array.from({ length: 24 }, () => alphabet[randomInt(alphabet.length)]).join('');
}
