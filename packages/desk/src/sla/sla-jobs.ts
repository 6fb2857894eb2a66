import type { Job, StoreRepositories, Ticket } from '@flowdesk/store';
import { type DeskDeps, type DeskScope, nowIso, workspaceOf } from '../desk-deps.ts';
import { applyTicketChange } from '../tickets/ticket-changes.ts';
import { isFinished } from '../tickets/ticket-status.ts';
import { clockRuns, SLA_BREACH_JOB, SLA_WARNING_JOB, type SlaJobPayload } from './sla-clock.ts';

export type SlaJobOutcome =
  | { outcome: 'emitted'; event: 'sla_warning' | 'sla_breached'; ticket: Ticket }
  | {
      outcome: 'stale';
      reason: 'not_sla_job' | 'ticket_gone' | 'rescheduled' | 'clock_stopped' | 'answered' | 'not_due';
    };

const SLA_ACTOR = { kind: 'system', id: 'sla' } as const;

function parsePayload(job: Job): SlaJobPayload | null {
  const payload = job.payload as Partial<SlaJobPayload>;
  if (job.kind !== SLA_WARNING_JOB && job.kind !== SLA_BREACH_JOB) return null;
  if (typeof payload.ticketId !== 'string' || typeof payload.revision !== 'number') return null;
  return payload as SlaJobPayload;
}

/**
 * Runs an `sla.warning` or `sla.breach` job inside the caller's transaction:
 * checks the ticket again and emits the ticket event only when the job is
 * still current and the target still open. A stale job changes nothing.
 */
export async function handleSlaJob(tx: StoreRepositories, job: Job, deps: DeskDeps): Promise<SlaJobOutcome> {
  const payload = parsePayload(job);
  if (!payload) return { outcome: 'stale', reason: 'not_sla_job' };
  const scope: DeskScope = { tx, deps };
  const ticket = await tx.tickets.get(payload.ticketId);
  if (!ticket) return { outcome: 'stale', reason: 'ticket_gone' };
  if (ticket.slaRevision !== payload.revision) return { outcome: 'stale', reason: 'rescheduled' };
  if (isFinished(ticket.status) || !clockRuns(ticket)) return { outcome: 'stale', reason: 'clock_stopped' };
  if (payload.target === 'first_response' && ticket.firstRespondedAt !== null) {
    return { outcome: 'stale', reason: 'answered' };
  }
  const dueAt = payload.target === 'first_response' ? ticket.firstResponseDueAt : ticket.resolutionDueAt;
  const now = nowIso(deps);
  if (payload.stage === 'breach') {
    if (dueAt === null || dueAt > now) return { outcome: 'stale', reason: 'not_due' };
    const updated = await applyTicketChange(
      scope,
      ticket,
      { slaState: 'breached' },
      {
        actor: SLA_ACTOR,
        events: [{ event: 'sla_breached', target: payload.target }],
        dedupeKey: `sla-job:${job.id}`,
      },
    );
    return { outcome: 'emitted', event: 'sla_breached', ticket: updated };
  }
  const updated = await applyTicketChange(
    scope,
    ticket,
    ticket.slaState === 'running' ? { slaState: 'warning' } : {},
    {
      actor: SLA_ACTOR,
      events: [{ event: 'sla_warning', target: payload.target }],
      dedupeKey: `sla-job:${job.id}`,
    },
  );
  return { outcome: 'emitted', event: 'sla_warning', ticket: updated };
}

/** Open tickets past a due time with their clock running, earliest resolution due first. */
export function listOverdue(tx: StoreRepositories, deps: DeskDeps, limit?: number): Promise<Ticket[]> {
  return tx.tickets.listOverdue({
    now: nowIso(deps),
    workspaceId: workspaceOf(deps),
    ...(limit ? { limit } : {}),
  });
}
