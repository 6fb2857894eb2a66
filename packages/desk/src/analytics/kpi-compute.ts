import { formatLocalDate, localParts } from '@flowdesk/engine';
import { CSAT_SATISFIED_FROM, NPS_PROMOTER_FROM } from '../surveys/survey-scores.ts';
import {
  DAY_MS,
  inPopulation,
  KPI_DEFINITIONS,
  KPI_IDS,
  type KpiId,
  type KpiScope,
} from './kpi-definitions.ts';
import {
  HANDOFF_REASONS,
  type HandoffReason,
  type KpiContext,
  type KpiDataset,
  type KpiTicket,
} from './kpi-records.ts';
import { handedOff, type TicketFacts, ticketFacts } from './ticket-facts.ts';

/**
 * Runs the KPI definitions over a data set: all of them at once (the tiles),
 * grouped by a ticket field (breakdowns), or listing the tickets behind one
 * (drill-down). A filter narrows the population; lookups across tickets (a
 * second contact of the same customer on another channel) still see them all.
 */

export type TicketFilter = (ticket: KpiTicket) => boolean;

export interface PreparedDataset {
  facts: readonly TicketFacts[];
  dataset: KpiDataset;
  scope: KpiScope;
}

export const AGEING_BUCKETS = ['under_1d', '1d_3d', '3d_7d', 'over_7d'] as const;
export type AgeingBucket = (typeof AGEING_BUCKETS)[number];

export interface KpiReport {
  values: Record<KpiId, number | null>;
  /** Hand-offs of the period's flow tickets by reason. */
  handoffReasons: Record<HandoffReason, number>;
  /** The backlog at the period's end by age. */
  ageing: Record<AgeingBucket, number>;
}

/** Derives every ticket's facts once; compute, breakdown and drill-down share them. */
export function prepareDataset(dataset: KpiDataset, context: KpiContext): PreparedDataset {
  const historyByTicket = new Map<string, KpiDataset['history'][number][]>();
  for (const entry of dataset.history) {
    const list = historyByTicket.get(entry.ticketId) ?? [];
    list.push(entry);
    historyByTicket.set(entry.ticketId, list);
  }
  const facts = dataset.tickets.map((ticket) =>
    ticketFacts(ticket, historyByTicket.get(ticket.id) ?? [], context.now),
  );
  const byCustomer = new Map<string, TicketFacts[]>();
  for (const item of facts) {
    if (item.ticket.customerId === null) continue;
    const list = byCustomer.get(item.ticket.customerId) ?? [];
    list.push(item);
    byCustomer.set(item.ticket.customerId, list);
  }
  const scope: KpiScope = {
    context,
    sameCustomer: (item) => (item.ticket.customerId ? (byCustomer.get(item.ticket.customerId) ?? []) : []),
  };
  return { facts, dataset, scope };
}

/** The same data seen over another period (the previous one, a series bucket). */
export function withPeriod(prepared: PreparedDataset, period: KpiContext['period']): PreparedDataset {
  return { ...prepared, scope: { ...prepared.scope, context: { ...prepared.scope.context, period } } };
}

function surveysFor(prepared: PreparedDataset, kept: ReadonlySet<string> | null) {
  if (kept === null) return prepared.dataset.surveys;
  return prepared.dataset.surveys.filter((survey) => survey.ticketId !== null && kept.has(survey.ticketId));
}

export function kpiValue(
  prepared: PreparedDataset,
  id: KpiId,
  filter: TicketFilter | null = null,
): number | null {
  const definition = KPI_DEFINITIONS[id];
  const { context } = prepared.scope;
  const matching = filter ? prepared.facts.filter((item) => filter(item.ticket)) : prepared.facts;
  const population = matching.filter((item) => inPopulation(definition.population, item, context));
  const kept = filter ? new Set(matching.map((item) => item.ticket.id)) : null;
  return definition.value(population, surveysFor(prepared, kept), prepared.scope);
}

function ageingBucket(ageMs: number): AgeingBucket {
  if (ageMs < DAY_MS) return 'under_1d';
  if (ageMs < 3 * DAY_MS) return '1d_3d';
  if (ageMs < 7 * DAY_MS) return '3d_7d';
  return 'over_7d';
}

export function computeKpis(
  prepared: PreparedDataset,
  filter: TicketFilter | null = null,
  handoffReasons: ReadonlyMap<string, HandoffReason> = prepared.dataset.handoffReasons ?? new Map(),
): KpiReport {
  const values = Object.fromEntries(KPI_IDS.map((id) => [id, kpiValue(prepared, id, filter)])) as Record<
    KpiId,
    number | null
  >;
  const { context } = prepared.scope;
  const matching = filter ? prepared.facts.filter((item) => filter(item.ticket)) : prepared.facts;
  const reasons = Object.fromEntries(HANDOFF_REASONS.map((reason) => [reason, 0])) as Record<
    HandoffReason,
    number
  >;
  for (const item of matching) {
    if (!inPopulation('created', item, context) || !handedOff(item)) continue;
    reasons[handoffReasons.get(item.ticket.id) ?? 'unknown'] += 1;
  }
  const ageing = Object.fromEntries(AGEING_BUCKETS.map((bucket) => [bucket, 0])) as Record<
    AgeingBucket,
    number
  >;
  const end = Math.min(context.period.to, context.now);
  for (const item of matching) {
    if (inPopulation('backlog', item, context)) ageing[ageingBucket(end - item.createdAt)] += 1;
  }
  return { values, handoffReasons: reasons, ageing };
}

export const BREAKDOWN_KEYS = ['channel', 'category', 'team', 'agent'] as const;
export type BreakdownKey = (typeof BREAKDOWN_KEYS)[number];

/** The value a ticket is grouped under; `agent` is the agent holding it now (or last). */
export function groupOf(ticket: KpiTicket, by: BreakdownKey): string | null {
  switch (by) {
    case 'channel':
      return ticket.channel;
    case 'category':
      return ticket.category;
    case 'team':
      return ticket.team;
    case 'agent':
      return ticket.assignee;
  }
}

export interface BreakdownRow {
  /** null: tickets without a value (no category, unassigned). */
  group: string | null;
  value: number | null;
  /** How many tickets (or answered surveys) the value stands on. */
  sample: number;
}

/** One KPI per group, largest sample first. */
export function breakdown(
  prepared: PreparedDataset,
  id: KpiId,
  by: BreakdownKey,
  filter: TicketFilter | null = null,
): BreakdownRow[] {
  const groups = new Set(prepared.facts.map((item) => groupOf(item.ticket, by)));
  return [...groups]
    .map((group) => {
      const inGroup: TicketFilter = (ticket) => groupOf(ticket, by) === group && (!filter || filter(ticket));
      return { group, value: kpiValue(prepared, id, inGroup), sample: sampleOf(prepared, id, inGroup) };
    })
    .filter((row) => row.sample > 0)
    .sort((a, b) => b.sample - a.sample || String(a.group).localeCompare(String(b.group)));
}

export function sampleOf(prepared: PreparedDataset, id: KpiId, filter: TicketFilter | null): number {
  const definition = KPI_DEFINITIONS[id];
  const { context } = prepared.scope;
  const matching = filter ? prepared.facts.filter((item) => filter(item.ticket)) : prepared.facts;
  if (definition.population !== 'surveys') {
    return matching.filter((item) => inPopulation(definition.population, item, context)).length;
  }
  const kind = id === 'nps' ? 'nps' : 'csat';
  const kept = filter ? new Set(matching.map((item) => item.ticket.id)) : null;
  return surveysFor(prepared, kept).filter(
    (survey) =>
      survey.kind === kind &&
      survey.answeredAt !== null &&
      Date.parse(survey.answeredAt) >= context.period.from &&
      Date.parse(survey.answeredAt) < context.period.to,
  ).length;
}

export interface DrillDownRow {
  ticket: KpiTicket;
  /** Counted in the KPI's numerator (automated, handed off, reopened…); always true for counts and durations. */
  counted: boolean;
}

/** The tickets a KPI's number stands on: its population, or for CSAT/NPS the surveyed tickets. */
export function drillDown(
  prepared: PreparedDataset,
  id: KpiId,
  filter: TicketFilter | null = null,
): DrillDownRow[] {
  const definition = KPI_DEFINITIONS[id];
  const { context } = prepared.scope;
  const matching = filter ? prepared.facts.filter((item) => filter(item.ticket)) : prepared.facts;
  if (definition.population === 'surveys') {
    const kind = id === 'nps' ? 'nps' : 'csat';
    const answered = prepared.dataset.surveys.filter(
      (survey) =>
        survey.kind === kind &&
        survey.answeredAt !== null &&
        Date.parse(survey.answeredAt) >= context.period.from &&
        Date.parse(survey.answeredAt) < context.period.to,
    );
    const promoted = (score: number | null) =>
      (score ?? 0) >= (id === 'nps' ? NPS_PROMOTER_FROM : CSAT_SATISFIED_FROM);
    return matching.flatMap((item) => {
      const mine = answered.filter((survey) => survey.ticketId === item.ticket.id);
      return mine.length > 0
        ? [{ ticket: item.ticket, counted: mine.some((survey) => promoted(survey.score)) }]
        : [];
    });
  }
  return matching
    .filter((item) => inPopulation(definition.population, item, context))
    .map((item) => ({
      ticket: item.ticket,
      counted: definition.counts ? definition.counts(item, prepared.scope) : true,
    }));
}

/** Tickets created in the period per hour of day (0–23) and per local date, in the workspace's timezone. */
export function volumeByTime(
  prepared: PreparedDataset,
  timezone: string,
  filter: TicketFilter | null = null,
) {
  const byHour = Array.from({ length: 24 }, () => 0);
  const byDay = new Map<string, number>();
  for (const item of prepared.facts) {
    if (filter && !filter(item.ticket)) continue;
    if (!inPopulation('created', item, prepared.scope.context)) continue;
    const local = localParts(item.createdAt, timezone);
    byHour[local.hour] = (byHour[local.hour] ?? 0) + 1;
    const day = formatLocalDate(local);
    byDay.set(day, (byDay.get(day) ?? 0) + 1);
  }
  return {
    byHour,
    byDay: [...byDay].sort(([a], [b]) => a.localeCompare(b)).map(([day, count]) => ({ day, count })),
  };
}
