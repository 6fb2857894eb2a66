import { text } from '@flowdesk/model';
import type { Job, StoreRepositories, Ticket } from '@flowdesk/store';
import { type DeskDeps, type DeskScope, nowIso, workspaceOf } from '../desk-deps.ts';
import { writeInAppMessage } from '../notifications/in-app-inbox.ts';
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
  await remindOfWarning(tx, deps, ticket, payload.target, job.id);
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

/**
 * The SLA warning lands in the inbox of whoever works the ticket: its
 * assignee, else its team (a ticket with neither has nobody to tell yet; the
 * ticket event still lets flows act on it).
 */
async function remindOfWarning(
  tx: StoreRepositories,
  deps: DeskDeps,
  ticket: Ticket,
  target: SlaJobPayload['target'],
  jobId: string,
): Promise<void> {
  const recipient = ticket.assignee
    ? { kind: 'agent' as const, id: ticket.assignee }
    : ticket.team
      ? { kind: 'team' as const, id: ticket.team }
      : null;
  if (!recipient) return;
  const due = target === 'first_response' ? ticket.firstResponseDueAt : ticket.resolutionDueAt;
  const what = target === 'first_response' ? text('首次响应', 'first response') : text('解决', 'resolution');
  const message = text(
    `工单 ${ticket.number}「${ticket.title}」的${what['zh-CN']}时限即将到期（${due ?? ''}）。`,
    `Ticket ${ticket.number} "${ticket.title}" is close to its ${what.en} due time (${due ?? ''}).`,
  );
  await writeInAppMessage(tx, {
    id: deps.ids.next(),
    workspaceId: workspaceOf(deps),
    recipientKind: recipient.kind,
    recipientId: recipient.id,
    subject: ticket.number,
    body: `${message['zh-CN']}\n${message.en}`,
    idempotencyKey: `sla-warning:${jobId}`,
    ticketId: ticket.id,
    createdAt: nowIso(deps),
  });
}

/** Open tickets past a due time with their clock running, earliest resolution due first. */
export function listOverdue(tx: StoreRepositories, deps: DeskDeps, limit?: number): Promise<Ticket[]> {
  return tx.tickets.listOverdue({
    now: nowIso(deps),
    workspaceId: workspaceOf(deps),
    ...(limit ? { limit } : {}),
  });
}
