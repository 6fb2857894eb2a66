import { type ActivityResult, ActivityResultSchema, type FlowData } from '@flowdesk/engine';
import { isLocale, type Locale } from '@flowdesk/model';
import type { JsonObject, TicketActor } from '@flowdesk/store';
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

const SCOPE = 'desk.activity';

/**
 * Runs `work` once per idempotency key: a re-run of the same step (after a
 * crash or a retry) gets the first run's successful result back and changes
 * nothing. Failures are not remembered, so a retry really tries again.
 */
export async function runOnce(
  ctx: InlineActivityContext,
  work: () => Promise<ActivityResult>,
): Promise<ActivityResult> {
  const now = ctx.now.toISOString();
  const reservation = await ctx.tx.idempotency.reserve(SCOPE, ctx.idempotencyKey, 'activity', now);
  // The first run's result, kept as JSON: read back through its schema like every stored document.
  if (reservation.outcome === 'replay') return ActivityResultSchema.parse(reservation.response.body);
  const result = await work();
  if (result.ok) {
    await ctx.tx.idempotency.saveResponse(
      SCOPE,
      ctx.idempotencyKey,
      { status: 200, body: result as JsonObject },
      now,
    );
  } else {
    await ctx.tx.idempotency.release(SCOPE, ctx.idempotencyKey);
  }
  return result;
}
