import type { Priority } from '@flowdesk/model';
import type { JsonObject, Ticket, TicketActor } from '@flowdesk/store';
import { DEFAULT_TIMEZONE, type DeskScope, nowIso, workspaceOf } from '../desk-deps.ts';
import { type DeskResult, ok } from '../desk-errors.ts';
import { parkForConfirmation } from '../routing/pending-confirmation.ts';
import { initialSla, rescheduleSlaJobs } from '../sla/sla-clock.ts';
import { emitTicketEvent } from './ticket-events.ts';
import { nextTicketNumber } from './ticket-number.ts';

export interface CreateTicketInput {
  title: string;
  description: string;
  channel: string;
  category?: string | null;
  /** `auto`: VIP customers and complaints get high, everything else medium. */
  priority: Priority | 'auto';
  team?: string | null;
  customerId?: string | null;
  customFields?: JsonObject;
  tags?: string[];
  /** The creating flow step's idempotency key: a repeat finds the ticket it already made. */
  createdByKey?: string | null;
  /** The category is a guess: park the ticket as pending_confirmation and remind a person. */
  needsConfirmation?: boolean;
}

const COMPLAINT_RE = /complaint|投诉/i;

export function isComplaintCategory(category: string | null | undefined): boolean {
  return typeof category === 'string' && COMPLAINT_RE.test(category);
}

export function autoPriority(vipLevel: number, category: string | null): Priority {
  return vipLevel >= 1 || isComplaintCategory(category) ? 'high' : 'medium';
}

/**
 * Opens a ticket: numbers it, applies the SLA policy that matches (due times
 * in the team's business hours), counts a complaint on the customer, records
 * history, emits `created` and schedules the SLA jobs, all in the caller's
 * transaction. `created` is false when the step had already made it.
 */
export async function createTicket(
  scope: DeskScope,
  input: CreateTicketInput,
  options: { actor: TicketActor },
): Promise<DeskResult<{ ticket: Ticket; created: boolean }>> {
  const { tx, deps } = scope;
  const key = input.createdByKey ?? null;
  if (key) {
    const existing = await tx.tickets.findByCreatedKey(key);
    if (existing) return ok({ ticket: existing, created: false });
  }
  const now = nowIso(deps);
  const workspaceId = workspaceOf(deps);
  const customer = input.customerId ? await tx.customers.get(input.customerId) : null;
  const vipLevel = customer?.vipLevel ?? 0;
  const category = input.category ?? null;
  const priority = input.priority === 'auto' ? autoPriority(vipLevel, category) : input.priority;
  const team = input.team ?? null;
  const sla = await initialSla(scope, workspaceId, { priority, category, vipLevel, team }, now);
  const ticket = await tx.tickets.create({
    id: deps.ids.next(),
    number: await nextTicketNumber(tx.counters, deps.clock.now(), deps.timezone ?? DEFAULT_TIMEZONE),
    workspaceId,
    title: input.title,
    description: input.description,
    channel: input.channel,
    category,
    priority,
    status: 'new',
    team,
    assignee: null,
    customerId: customer?.id ?? null,
    vipLevel,
    customFields: input.customFields ?? {},
    tags: input.tags ?? [],
    solution: null,
    ...sla,
    firstRespondedAt: null,
    pausedAt: null,
    pausedMs: 0,
    slaRevision: 0,
    createdByKey: key,
    createdAt: now,
    updatedAt: now,
    resolvedAt: null,
    closedAt: null,
  });
  await tx.ticketHistory.append([
    {
      ticketId: ticket.id,
      at: now,
      actor: options.actor,
      field: 'status',
      from: null,
      to: 'new',
      note: 'created',
    },
  ]);
  if (customer && isComplaintCategory(category)) {
    await tx.customers.recordContact(customer.id, { complaints: 1, at: now });
  }
  await emitTicketEvent(scope, ticket, { event: 'created' }, key ?? undefined, options.actor);
  let current = await rescheduleSlaJobs(scope, ticket);
  if (input.needsConfirmation) {
    const parked = await parkForConfirmation(scope, current, {
      actor: options.actor,
      ...(key ? { dedupeKey: key } : {}),
    });
    if (parked.ok) current = parked.value;
  }
  return ok({ ticket: current, created: true });
}
