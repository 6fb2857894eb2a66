import type { Calendar } from '@flowdesk/model';
import type { SlaPolicy, Ticket, TicketPatch } from '@flowdesk/store';
import { type DeskScope, nowIso } from '../desk-deps.ts';
import { addBusinessTime, businessTimeBetween } from './business-time.ts';
import { DEFAULT_WARN_AT_SHARE, pickSlaPolicy, type SlaSubject } from './sla-policy.ts';

/**
 * The SLA clock of a ticket: due times set at creation, paused while the
 * customer has the ball (and after resolution), shifted on resume, and two
 * durable jobs per running target (warning, breach) that are replaced whenever
 * the due times move.
 */
export const SLA_WARNING_JOB = 'sla.warning';
export const SLA_BREACH_JOB = 'sla.breach';

export type SlaTarget = 'first_response' | 'resolution';
export type SlaStage = 'warning' | 'breach';

export interface SlaJobPayload {
  ticketId: string;
  target: SlaTarget;
  stage: SlaStage;
  /** The ticket's slaRevision when scheduled; a different one means the job is stale. */
  revision: number;
  dueAt: string;
}

const MINUTE_MS = 60_000;

/**
 * The business hours an SLA clock counts in: the policy's own calendar, else the
 * ticket's team calendar, else none (every minute counts).
 */
export async function calendarOf(
  scope: DeskScope,
  policy: Pick<SlaPolicy, 'calendar'> | null,
  teamId: string | null,
): Promise<Calendar | null> {
  if (policy?.calendar) return policy.calendar;
  if (!teamId) return null;
  return (await scope.tx.teams.get(teamId))?.calendar ?? null;
}

async function policyOf(scope: DeskScope, ticket: Ticket): Promise<SlaPolicy | null> {
  return ticket.slaPolicyId ? await scope.tx.slaPolicies.get(ticket.slaPolicyId) : null;
}

/** Due times for a new ticket from the first matching policy; none when no policy matches. */
export async function initialSla(
  scope: DeskScope,
  workspaceId: string,
  subject: SlaSubject & { team: string | null },
  startIso: string,
): Promise<Pick<Ticket, 'slaPolicyId' | 'firstResponseDueAt' | 'resolutionDueAt' | 'slaState'>> {
  const policy = pickSlaPolicy(await scope.tx.slaPolicies.list(workspaceId), subject);
  if (!policy) {
    return { slaPolicyId: null, firstResponseDueAt: null, resolutionDueAt: null, slaState: 'none' };
  }
  const calendar = await calendarOf(scope, policy, subject.team);
  const start = Date.parse(startIso);
  const due = (minutes: number) =>
    new Date(addBusinessTime(start, minutes * MINUTE_MS, calendar)).toISOString();
  return {
    slaPolicyId: policy.id,
    firstResponseDueAt: due(policy.firstResponseMinutes),
    resolutionDueAt: due(policy.resolutionMinutes),
    slaState: 'running',
  };
}

/** A breached clock keeps running: the other target may still warn or breach. */
export function clockRuns(ticket: Ticket): boolean {
  const live =
    ticket.slaState === 'running' || ticket.slaState === 'warning' || ticket.slaState === 'breached';
  return live && ticket.pausedAt === null;
}

/** Stops the clock while waiting for the customer. */
export function pausePatch(ticket: Ticket, nowIsoValue: string): TicketPatch {
  if (!clockRuns(ticket)) return {};
  return { pausedAt: nowIsoValue, slaState: ticket.slaState === 'breached' ? 'breached' : 'paused' };
}

/** Stops the clock for good (resolved, closed): met unless a target was already missed. */
export function stopPatch(ticket: Ticket, nowIsoValue: string): TicketPatch {
  if (ticket.slaState === 'none') return {};
  const late = (due: string | null) => due !== null && due < (ticket.pausedAt ?? nowIsoValue);
  const missed =
    ticket.slaState === 'breached' ||
    late(ticket.resolutionDueAt) ||
    (ticket.firstRespondedAt === null && late(ticket.firstResponseDueAt));
  return { pausedAt: ticket.pausedAt ?? nowIsoValue, slaState: missed ? 'breached' : 'met' };
}

/** Starts a paused clock again, moving each due time by the business time that was left at the pause. */
export async function resumePatch(
  scope: DeskScope,
  ticket: Ticket,
  nowIsoValue: string,
): Promise<TicketPatch> {
  if (ticket.pausedAt === null || ticket.slaState === 'none') return {};
  const calendar = await calendarOf(scope, await policyOf(scope, ticket), ticket.team);
  const pausedAt = Date.parse(ticket.pausedAt);
  const now = Date.parse(nowIsoValue);
  const shift = (due: string | null) => {
    if (due === null || Date.parse(due) <= pausedAt) return due;
    const left = businessTimeBetween(pausedAt, Date.parse(due), calendar);
    return new Date(addBusinessTime(now, left, calendar)).toISOString();
  };
  return {
    pausedAt: null,
    pausedMs: ticket.pausedMs + Math.max(0, now - pausedAt),
    firstResponseDueAt:
      ticket.firstRespondedAt === null ? shift(ticket.firstResponseDueAt) : ticket.firstResponseDueAt,
    resolutionDueAt: shift(ticket.resolutionDueAt),
    slaState: ticket.slaState === 'breached' ? 'breached' : 'running',
  };
}

function slaKeyPrefix(ticketId: string): string {
  return `sla:${ticketId}:`;
}

/**
 * Cancels the ticket's SLA jobs and, when its clock runs, schedules fresh ones
 * under a new revision (a cancelled job's key can never be reused, and older
 * jobs that already started must see they are stale). Returns the ticket with
 * its new revision.
 */
export async function rescheduleSlaJobs(scope: DeskScope, ticket: Ticket): Promise<Ticket> {
  const now = nowIso(scope.deps);
  await scope.tx.jobs.cancel({ idempotencyKeyPrefix: slaKeyPrefix(ticket.id) }, now);
  if (ticket.slaState === 'none') return ticket;
  const revision = ticket.slaRevision + 1;
  const updated = (await scope.tx.tickets.update(ticket.id, { slaRevision: revision })) ?? ticket;
  if (!clockRuns(updated)) return updated;
  const policy = await policyOf(scope, updated);
  const calendar = await calendarOf(scope, policy, updated.team);
  const targets: Array<[SlaTarget, string | null, number | undefined]> = [
    [
      'first_response',
      updated.firstRespondedAt === null ? updated.firstResponseDueAt : null,
      policy?.firstResponseMinutes,
    ],
    ['resolution', updated.resolutionDueAt, policy?.resolutionMinutes],
  ];
  for (const [target, dueAt, minutes] of targets) {
    if (dueAt === null) continue;
    await scheduleTarget(
      scope,
      updated,
      revision,
      target,
      dueAt,
      warningAt(policy, minutes, dueAt, now, calendar),
    );
  }
  return updated;
}

/** When the warning is due: once only (1 - share) of the target is left; null when that moment has passed. */
function warningAt(
  policy: SlaPolicy | null,
  targetMinutes: number | undefined,
  dueAt: string,
  now: string,
  calendar: Calendar | null,
): string | null {
  if (!policy || targetMinutes === undefined) return null;
  const share = policy.warnAtShare > 0 && policy.warnAtShare < 1 ? policy.warnAtShare : DEFAULT_WARN_AT_SHARE;
  const left = businessTimeBetween(Date.parse(now), Date.parse(dueAt), calendar);
  const leftAtWarning = (1 - share) * targetMinutes * MINUTE_MS;
  if (left <= leftAtWarning) return null;
  return new Date(addBusinessTime(Date.parse(now), left - leftAtWarning, calendar)).toISOString();
}

async function scheduleTarget(
  scope: DeskScope,
  ticket: Ticket,
  revision: number,
  target: SlaTarget,
  dueAt: string,
  warnAt: string | null,
): Promise<void> {
  const now = nowIso(scope.deps);
  const stages: Array<[SlaStage, string | null]> = [
    ['warning', warnAt],
    // A target already past due on a breached ticket was reported when it passed.
    ['breach', dueAt >= now ? dueAt : ticket.slaState === 'breached' ? null : now],
  ];
  for (const [stage, runAt] of stages) {
    if (runAt === null) continue;
    const payload: SlaJobPayload = { ticketId: ticket.id, target, stage, revision, dueAt };
    await scope.tx.jobs.enqueue({
      id: scope.deps.ids.next(),
      kind: stage === 'warning' ? SLA_WARNING_JOB : SLA_BREACH_JOB,
      runAt,
      payload: { ...payload },
      idempotencyKey: `${slaKeyPrefix(ticket.id)}r${revision}:${target}:${stage}`,
      now,
    });
  }
}
