import type { JsonObject } from './json.types.ts';

/**
 * The audit log: who did what to which thing, when, from where, and how it
 * ended. Entries are appended, listed newest first, and purged after the
 * retention period; never changed. `details` says what changed (field names,
 * counts, versions), never a secret, a password or a key.
 */

export const AUDIT_ACTOR_KINDS = ['user', 'api_key', 'system'] as const;
export type AuditActorKind = (typeof AUDIT_ACTOR_KINDS)[number];

export interface AuditActor {
  kind: AuditActorKind;
  /** A user id, an API key id, or what the system was doing (`purge`, `bootstrap`). */
  id: string;
  /** The user's email when known (a failed sign-in records the email that was typed). */
  label?: string | null;
}

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export interface AuditEntry {
  id: string;
  /** ISO-8601 UTC. */
  at: string;
  actor: AuditActor;
  /** Dotted, stable names: `auth.sign_in`, `flow.publish`, `api_key.create`… */
  action: string;
  /** What was acted on: `flow:<id>`, `api_key:<id>`, `channel:wechat`; null when nothing specific. */
  target: string | null;
  /** The client's address as the server saw it; null for work the system did by itself. */
  ip: string | null;
  outcome: AuditOutcome;
  details: JsonObject;
}

export interface AuditQuery {
  action?: string;
  /** Matches the actor's id or label exactly. */
  actor?: string;
  /** Inclusive. */
  from?: string;
  /** Exclusive. */
  to?: string;
  /** Default 50, at most 500. */
  limit?: number;
  /** From the previous page's nextCursor. */
  cursor?: string | null;
}

/** Newest first; nextCursor is null on the last page. */
export interface AuditPage {
  items: AuditEntry[];
  nextCursor: string | null;
}

export interface AuditLogRepository {
  /** Throws StoreError('duplicate') when the id exists. */
  append(entry: AuditEntry): Promise<void>;
  /** Newest first (by time, then id). Throws RangeError for a cursor it did not hand out. */
  list(query?: AuditQuery): Promise<AuditPage>;
  /** Removes entries older than `before`; returns how many. */
  purgeBefore(before: string): Promise<number>;
}
