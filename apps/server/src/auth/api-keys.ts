import type { ApiKey, Store, UserRole } from '@flowdesk/store';
import { randomToken, sha256Hex } from './secrets.ts';

/**
 * API keys for /api/v1: `fd_` + 32 random bytes. Only the SHA-256 is stored, with
 * a short prefix so people can tell keys apart; the key itself is shown once.
 */

export const API_KEY_PREFIX = 'fd_';
const SHOWN_PREFIX_LENGTH = 10;

export interface CreatedApiKey {
  key: ApiKey;
  /** The secret: returned once at creation and never again. */
  secret: string;
}

export async function createApiKey(
  store: Store,
  input: { id: string; name: string; role: UserRole; scopes?: string[]; now: Date },
): Promise<CreatedApiKey> {
  const secret = `${API_KEY_PREFIX}${randomToken(32)}`;
  const key = await store.apiKeys.create({
    id: input.id,
    name: input.name,
    keyHash: sha256Hex(secret),
    prefix: secret.slice(0, SHOWN_PREFIX_LENGTH),
    role: input.role,
    scopes: input.scopes ?? [],
    createdAt: input.now.toISOString(),
  });
  return { key, secret };
}

export type ApiKeyCheck =
  | { outcome: 'valid'; key: ApiKey }
  | { outcome: 'missing' }
  | { outcome: 'unknown' }
  | { outcome: 'revoked' };

/** `Authorization: Bearer fd_…` or `X-API-Key: fd_…`. */
export function apiKeyFromHeaders(
  authorization: string | undefined,
  xApiKey: string | undefined,
): string | undefined {
  if (xApiKey?.trim()) return xApiKey.trim();
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}

export async function checkApiKey(store: Store, presented: string | undefined): Promise<ApiKeyCheck> {
  if (!presented) return { outcome: 'missing' };
  if (!presented.startsWith(API_KEY_PREFIX)) return { outcome: 'unknown' };
  const key = await store.apiKeys.getByHash(sha256Hex(presented));
  if (!key) return { outcome: 'unknown' };
  if (key.revokedAt) return { outcome: 'revoked' };
  return { outcome: 'valid', key };
}
