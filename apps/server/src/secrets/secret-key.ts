import { createHash } from 'node:crypto';

/**
 * The key that seals stored secrets (channel credentials, link keys): 32
 * random bytes, given as base64, base64url or hex (`openssl rand -base64 32`).
 * Its id is a short fingerprint written into every sealed value, so a value
 * says which key it needs and rotation can tell old values from new ones.
 */
export interface SecretKey {
  readonly id: string;
  readonly bytes: Buffer;
}

export const SECRET_KEY_BYTES = 32;

const HEX_RE = /^[0-9a-fA-F]{64}$/;
const BASE64_RE = /^[A-Za-z0-9+/_-]{43}=?$/;

/** The key the text encodes, or undefined when it is not exactly 32 bytes of base64 or hex. */
export function parseSecretKey(text: string): SecretKey | undefined {
  const trimmed = text.trim();
  let bytes: Buffer | undefined;
  if (HEX_RE.test(trimmed)) bytes = Buffer.from(trimmed, 'hex');
  else if (BASE64_RE.test(trimmed)) bytes = Buffer.from(trimmed.replace(/=$/, ''), 'base64url');
  if (bytes?.length !== SECRET_KEY_BYTES) return undefined;
  return secretKeyOf(bytes);
}

export function secretKeyOf(bytes: Buffer): SecretKey {
  return { id: keyIdOf(bytes), bytes };
}

/** A fingerprint of the key (12 hex digits of a domain-separated SHA-256): says nothing useful about the key. */
export function keyIdOf(bytes: Buffer): string {
  return createHash('sha256').update('flowdesk-secret-key-id\0').update(bytes).digest('hex').slice(0, 12);
}

/** The text form written to a key file and shown to operators. */
export function formatSecretKey(key: SecretKey): string {
  return key.bytes.toString('base64');
}
