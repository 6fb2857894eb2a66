import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ConfigError } from '../config/server-config.ts';
import { bothLanguages, SECRETS_MESSAGES } from '../messages/secrets.messages.ts';
import type { SecretKey } from './secret-key.ts';

/**
 * Seals stored secrets with AES-256-GCM. A sealed value is one string,
 * `enc:v1:<keyId>:<iv>:<tag>:<ciphertext>` (base64url parts), so it fits any
 * store field, says which key opens it (rotation re-seals the values of an
 * older key), and the version leaves room for another scheme. The associated
 * data names where the value belongs (workspace, channel, field): a sealed
 * value copied into another field does not open there.
 */

export const SEALED_PREFIX = 'enc:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

interface SealedParts {
  keyId: string;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

export function isSealed(value: string): boolean {
  return value.startsWith(SEALED_PREFIX);
}

function parseSealed(value: string): SealedParts | undefined {
  const parts = value.slice(SEALED_PREFIX.length).split(':');
  if (parts.length !== 4) return undefined;
  const [keyId, iv, tag, ciphertext] = parts as [string, string, string, string];
  const decoded = {
    keyId,
    iv: Buffer.from(iv, 'base64url'),
    tag: Buffer.from(tag, 'base64url'),
    ciphertext: Buffer.from(ciphertext, 'base64url'),
  };
  if (decoded.iv.length !== IV_BYTES || decoded.tag.length !== TAG_BYTES) return undefined;
  return decoded;
}

/** The id of the key a sealed value needs, or undefined for a plain (older, unsealed) value. */
export function sealedKeyId(value: string): string | undefined {
  return isSealed(value) ? (parseSealed(value)?.keyId ?? '?') : undefined;
}

export class SecretBox {
  readonly current: SecretKey;
  readonly #keys: Map<string, SecretKey>;

  /** Seals with `current`; opens values sealed with it or with any of `previous` (during a rotation). */
  constructor(current: SecretKey, previous: readonly SecretKey[] = []) {
    this.current = current;
    this.#keys = new Map([...previous, current].map((key) => [key.id, key]));
  }

  /** The ids of every key this box can open with, current first. */
  get keyIds(): string[] {
    return [this.current.id, ...[...this.#keys.keys()].filter((id) => id !== this.current.id)];
  }

  hasKey(keyId: string): boolean {
    return this.#keys.has(keyId);
  }

  seal(plaintext: string, where: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.bytes, iv);
    cipher.setAAD(Buffer.from(where));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'));
    return `${SEALED_PREFIX}${this.current.id}:${parts.join(':')}`;
  }

  /** The plaintext; a value that was never sealed (from an older database) comes back as it is. */
  open(value: string, where: string): string {
    if (!isSealed(value)) return value;
    const parts = parseSealed(value);
    if (!parts) throw secretsError(SECRETS_MESSAGES.value_corrupt(where));
    const key = this.#keys.get(parts.keyId);
    if (!key) throw secretsError(SECRETS_MESSAGES.key_unknown(parts.keyId, this.keyIds.join(', ')));
    try {
      const decipher = createDecipheriv('aes-256-gcm', key.bytes, parts.iv);
      decipher.setAAD(Buffer.from(where));
      decipher.setAuthTag(parts.tag);
      return Buffer.concat([decipher.update(parts.ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw secretsError(SECRETS_MESSAGES.value_corrupt(where));
    }
  }

  /** True when the value is plain or sealed with an older key, so rotation should seal it again. */
  needsReseal(value: string): boolean {
    return sealedKeyId(value) !== this.current.id;
  }
}

/** Key trouble is the operator's to fix, like any other configuration problem. */
export function secretsError(message: Parameters<typeof bothLanguages>[0]): ConfigError {
  return new ConfigError([bothLanguages(message)]);
}
