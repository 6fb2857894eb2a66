import type { AuditActor, AuditEntry, AuditOutcome, JsonObject } from '@flowdesk/store';
import type { AppServices } from '../app-deps.ts';
import type { TrpcContext } from '../trpc/context.ts';

/**
 * Writes the audit log: who did what to which thing, from where, and how it
 * ended. `details` carries names and numbers (versions, changed field names,
 * a role), never a secret, a password or an API key; callers pass only those.
 *
 * The entry is written after the action succeeded or failed. A store that
 * cannot take the entry does not undo a sign-in or a publish that already
 * happened: it is logged at error level for operations instead.
 */
export interface AuditRecord {
  actor: AuditActor;
  action: string;
  target?: string | null;
  ip?: string | null;
  outcome?: AuditOutcome;
  details?: JsonObject;
}

export async function recordAudit(services: AppServices, record: AuditRecord): Promise<void> {
  try {
    await services.store.audit.append({
      id: services.ids.next(),
      at: services.clock.now().toISOString(),
      actor: record.actor,
      action: record.action,
      target: record.target ?? null,
      ip: record.ip ?? null,
      outcome: record.outcome ?? 'success',
      details: record.details ?? {},
    });
  } catch (error) {
    services.log.error('audit entry not written', { action: record.action, reason: String(error) });
  }
}

/** The signed-in user of a tRPC call (or the system, for a call without one). */
export function actorOfContext(ctx: TrpcContext): AuditActor {
  return ctx.user
    ? { kind: 'user', id: ctx.user.id, label: ctx.user.email }
    : { kind: 'system', id: 'anonymous' };
}

/**
 * The entry auditCall would write, for a caller that appends it in the same
 * transaction as the change it records (so the change is audited exactly once).
 */
export function auditCallEntry(
  ctx: TrpcContext,
  action: string,
  target: string | null,
  details: JsonObject = {},
): AuditEntry {
  return {
    id: ctx.services.ids.next(),
    at: ctx.services.clock.now().toISOString(),
    actor: actorOfContext(ctx),
    action,
    target,
    ip: ctx.ip,
    outcome: 'success',
    details,
  };
}

/** An entry for what the signed-in user just did over tRPC. */
export function auditCall(
  ctx: TrpcContext,
  action: string,
  target: string | null,
  details: JsonObject = {},
  outcome: AuditOutcome = 'success',
): Promise<void> {
  return recordAudit(ctx.services, {
    actor: actorOfContext(ctx),
    action,
    target,
    ip: ctx.ip,
    outcome,
    details,
  });
}
