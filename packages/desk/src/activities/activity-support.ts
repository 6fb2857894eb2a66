import {
  type ActivityCommand,
  type ActivityResult,
  ActivityResultSchema,
  type FlowData,
} from '@flowdesk/engine';
import { isLocale, type Locale } from '@flowdesk/model';
import type { TicketActor } from '@flowdesk/store';
import type { DeskDeps, DeskScope } from '../desk-deps.ts';
import { type DeskError, deskErrorParams } from '../desk-errors.ts';
import type { InlineActivityContext } from './activity.types.ts';

/** The step's own time and transaction: everything an activity does commits with the step. */
export function scopeFor(ctx: InlineActivityContext, deps: DeskDeps): DeskScope {
  return { tx: ctx.tx, deps: { ...deps, clock: { now: () => ctx.now } } };
}

export function executionActor(ctx: InlineActivityContext): TicketActor {
  return { kind: 'execution', id: ctx.executionId };
}

/** A desk refusal becomes the activity's failure; only a missing record could fix itself later. */
export function failure(error: DeskError): ActivityResult {
  return { ok: false, error: { code: error.code, params: deskErrorParams(error), retryable: false } };
}

/**
 * The language to write to the customer in: the request's (what it said, else
 * what its message reads as), else the language kept on their profile, so flows
 * started by a ticket event, a survey answer or a schedule use it too.
 */
export function localeOf(data: FlowData): Locale {
  const request = data.request as { locale?: unknown; customer?: { locale?: unknown } } | undefined;
  const candidates = [request?.locale, request?.customer?.locale, data.customer?.locale];
  return candidates.find(isLocale) ?? 'zh-CN';
}

/** The customer's email or phone: the identified profile's, else what the request gave. */
export function customerContact(data: FlowData, kind: 'email' | 'phone'): string | undefined {
  const known =
    data.customer?.[kind] ?? (data.request?.customer as Record<string, unknown> | undefined)?.[kind];
  return typeof known === 'string' && known ? known : undefined;
}

export function ticketIdOf(data: FlowData): string | null {
  const id = data.ticket?.id;
  return typeof id === 'string' && id ? id : null;
}

export function missingTicket(): ActivityResult {
  return {
    ok: false,
    error: { code: 'desk.no_ticket', params: {}, retryable: false },
  };
}

/**
 * Runs `work` once per step: asked again for a visit to a node that already
 * succeeded (after a crash or a retry), it answers with what the step log
 * recorded and changes nothing. The step is written in the same transaction as
 * the activity's changes, so the log and the changes are there together or not
 * at all; failures are not replayed, so a retry really tries again.
 *
 * The log, not a row of its own: an idempotency row per step was written and
 * then completed with the whole result in every transaction that ran an
 * activity (two statements and ~1.2 WAL pages per fired timer, BENCHMARKS.md
 * "Timers at volume"), to answer a question the step log already answers.
 *
 * One case the row covered and the log does not: an activity that succeeded
 * but whose step the engine then failed (an output outside the flow data's
 * schema, a port the node does not have) is logged as a failure, so a retry of
 * that step runs the activity again. The desk activities build their output
 * from the flow data's own shapes and answer on their nodes' ports; no path of
 * theirs to this case is known. One that had it would need the driver to log
 * the activity's answer before the engine judges it.
 */
export async function runOnce(
  command: ActivityCommand,
  ctx: InlineActivityContext,
  work: () => Promise<ActivityResult>,
): Promise<ActivityResult> {
  const done = await ctx.tx.executions.succeededStep(ctx.executionId, command.nodeId, command.visit);
  if (done) return replayed(done);
  return work();
}

/** The recorded step as the activity's answer, read back through its schema like every stored document. */
function replayed(step: { output: unknown; port: string | null }): ActivityResult {
  return ActivityResultSchema.parse({
    ok: true,
    output: step.output ?? {},
    ...(step.port ? { port: step.port } : {}),
  });
}
