import type { Store, User } from '@flowdesk/store';
import { randomToken, sha256Hex } from './secrets.ts';

/**
 * Browser sessions: the cookie holds a random token, the store only its hash,
 * so a copy of the database cannot be replayed as a login.
 */

export const SESSION_COOKIE = 'fd_session';
export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface NewSession {
  token: string;
  expiresAt: Date;
}

export async function startSession(store: Store, userId: string, now: Date): Promise<NewSession> {
  const token = randomToken(32);
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await store.sessions.create({
    tokenHash: sha256Hex(token),
    userId,
    createdAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
  });
  return { token, expiresAt };
}

/**
 * The signed-in user for a cookie token, or null when unknown, expired, the
 * user is gone or deactivated. Every authenticated request comes through
 * here, so switching an account off ends its sessions at once.
 */
export async function resolveSession(
  store: Store,
  token: string | undefined,
  now: Date,
): Promise<User | null> {
  if (!token) return null;
  const session = await store.sessions.get(sha256Hex(token), now.toISOString());
  if (!session) return null;
  const user = await store.users.get(session.userId);
  return user && user.deactivatedAt === null ? user : null;
}

export async function endSession(store: Store, token: string | undefined): Promise<void> {
  if (token) await store.sessions.delete(sha256Hex(token));
}

/** Reads one cookie from a Cookie header without a parser dependency. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() !== name) continue;
    const value = part.slice(index + 1).trim();
    try {
      return decodeURIComponent(value);
    } catch {
      return undefined;
    }
  }
  return undefined;
}
