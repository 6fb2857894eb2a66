import { businessTimeBetween } from '../sla/business-time.ts';
import { summarizeScores } from '../surveys/survey-scores.ts';
import { type Mean, mean, meanValue, percentile, type Ratio, ratio, ratioValue } from './kpi-aggregates.ts';
import type { KpiContext, KpiSurvey } from './kpi-records.ts';
import {
  handedOff,
  isFinishedStatus,
  resolvedAutomatically,
  statusAt,
  type TicketFacts,
} from './ticket-facts.ts';

/**
 * Every KPI once: which records it looks at (its population), which of them it
 * counts, and the number it gives. docs/kpis.md states the same formulas in
 * zh-CN and en; kpi-definitions.test.ts checks each on a hand-computed data set.
 */

export const KPI_IDS = [
  'volume',
  'automated_resolution_rate',
  'handoff_rate',
  'first_response_p50',
  'first_response_p90',
  'first_response_business_p50',
  'first_response_business_p90',
  'resolution_p50',
  'resolution_p90',
  'resolution_business_p50',
  'resolution_business_p90',
  'aht',
  'fcr_rate',
  'reopen_rate',
  'csat_share',
  'csat_mean',
  'nps',
  'sla_attainment',
  'sla_breaches',
  'backlog',
  'backlog_age_p50',
] as const;
export type KpiId = (typeof KPI_IDS)[number];

/** count: tickets; ratio: 0–1; ms: a duration; score: CSAT 1–5; nps: −100…100. */
export type KpiUnit = 'count' | 'ratio' | 'ms' | 'score' | 'nps';

/** Which records a KPI is about; `created` and `resolved` mean "in the period". */
export type KpiPopulation = 'created' | 'resolved' | 'surveys' | 'backlog';

export const DAY_MS = 86_400_000;
/** FCR and second contacts look this far after the first resolution. */
export const FCR_WINDOW_MS = 7 * DAY_MS;

/** What the KPIs see of one ticket: its facts, the others of its customer (for FCR) and the context. */
export interface KpiScope {
  context: KpiContext;
  /** Every ticket of the same customer in the data set, filtered or not (second contacts cross teams and channels). */
  sameCustomer: (facts: TicketFacts) => readonly TicketFacts[];
}

export interface KpiDefinition {
  id: KpiId;
  unit: KpiUnit;
  /** Whether a larger number is better, so a change can be coloured. */
  better: 'higher' | 'lower';
  population: KpiPopulation;
  /** For ticket populations: whether this ticket counts in the numerator (drill-down marks it). */
  counts?: (facts: TicketFacts, scope: KpiScope) => boolean;
  /** The value over the population; null when there is no data. */
  value: (tickets: readonly TicketFacts[], surveys: readonly KpiSurvey[], scope: KpiScope) => number | null;
}

const end = (context: KpiContext) => Math.min(context.period.to, context.now);
const inPeriod = (at: number | null, context: KpiContext) =>
  at !== null && at >= context.period.from && at < context.period.to;

export function inPopulation(population: KpiPopulation, facts: TicketFacts, context: KpiContext): boolean {
  switch (population) {
    case 'created':
      return inPeriod(facts.createdAt, context);
    case 'resolved':
      return inPeriod(facts.firstResolvedAt, context);
    case 'backlog':
      return facts.createdAt < end(context) && !isFinishedStatus(statusAt(facts, end(context)));
    case 'surveys':
      return false;
  }
}

function share(
  tickets: readonly TicketFacts[],
  keep: (facts: TicketFacts) => boolean,
  counts: (facts: TicketFacts) => boolean,
): number | null {
  const value: Ratio = ratio();
  for (const facts of tickets) {
    if (!keep(facts)) continue;
    value.denominator += 1;
    if (counts(facts)) value.numerator += 1;
  }
  return ratioValue(value);
}

function durations(
  tickets: readonly TicketFacts[],
  duration: (facts: TicketFacts) => number | null,
): number[] {
  return tickets.map(duration).filter((value): value is number => value !== null);
}

const firstResponse = (business: boolean, scope: KpiScope) => (facts: TicketFacts) => {
  const responded = facts.ticket.firstRespondedAt ? Date.parse(facts.ticket.firstRespondedAt) : null;
  if (responded === null || responded > scope.context.now) return null;
  const calendar = business ? scope.context.calendarOf(facts.ticket.team) : null;
  return businessTimeBetween(facts.createdAt, responded, calendar);
};

const resolution = (business: boolean, scope: KpiScope) => (facts: TicketFacts) => {
  if (facts.firstResolvedAt === null) return null;
  const calendar = business ? scope.context.calendarOf(facts.ticket.team) : null;
  return businessTimeBetween(facts.createdAt, facts.firstResolvedAt, calendar);
};

/** No reopen and no new ticket of the same customer on the same category within 7 days of the first resolution. */
export function firstContactResolved(facts: TicketFacts, scope: KpiScope): boolean {
  const resolvedAt = facts.firstResolvedAt;
  if (resolvedAt === null) return false;
  const windowEnd = resolvedAt + FCR_WINDOW_MS;
  if (facts.reopenedAt !== null && facts.reopenedAt <= windowEnd) return false;
  const { category } = facts.ticket;
  if (category === null || facts.ticket.customerId === null) return true;
  return !scope
    .sameCustomer(facts)
    .some(
      (other) =>
        other.ticket.id !== facts.ticket.id &&
        other.ticket.category === category &&
        other.createdAt > facts.createdAt &&
        other.createdAt <= windowEnd,
    );
}

/** FCR counts a resolution only once its 7-day window has passed. */
const fcrMatured = (facts: TicketFacts, scope: KpiScope) =>
  facts.firstResolvedAt !== null && facts.firstResolvedAt + FCR_WINDOW_MS <= scope.context.now;

function surveysOf(kind: 'csat' | 'nps', surveys: readonly KpiSurvey[], context: KpiContext): number[] {
  return surveys
    .filter((survey) => survey.kind === kind && survey.score !== null && survey.answeredAt !== null)
    .filter((survey) => inPeriod(Date.parse(survey.answeredAt as string), context))
    .map((survey) => survey.score as number);
}

const percentileOf =
  (p: number, duration: (scope: KpiScope) => (facts: TicketFacts) => number | null) =>
  (tickets: readonly TicketFacts[], _surveys: readonly KpiSurvey[], scope: KpiScope) =>
    percentile(durations(tickets, duration(scope)), p);

const slaDecided = (facts: TicketFacts) =>
  facts.ticket.slaPolicyId !== null && (facts.breached || facts.firstResolvedAt !== null);

export const KPI_DEFINITIONS: Readonly<Record<KpiId, KpiDefinition>> = {
  volume: { id: 'volume', unit: 'count', better: 'higher', population: 'created', value: (t) => t.length },
  automated_resolution_rate: {
    id: 'automated_resolution_rate',
    unit: 'ratio',
    better: 'higher',
    population: 'created',
    counts: resolvedAutomatically,
    value: (t) => share(t, (facts) => facts.byFlow, resolvedAutomatically),
  },
  handoff_rate: {
    id: 'handoff_rate',
    unit: 'ratio',
    better: 'lower',
    population: 'created',
    counts: handedOff,
    value: (t) => share(t, (facts) => facts.byFlow, handedOff),
  },
  first_response_p50: timeKpi('first_response_p50', 'created', 50, (s) => firstResponse(false, s)),
  first_response_p90: timeKpi('first_response_p90', 'created', 90, (s) => firstResponse(false, s)),
  first_response_business_p50: timeKpi('first_response_business_p50', 'created', 50, (s) =>
    firstResponse(true, s),
  ),
  first_response_business_p90: timeKpi('first_response_business_p90', 'created', 90, (s) =>
    firstResponse(true, s),
  ),
  resolution_p50: timeKpi('resolution_p50', 'resolved', 50, (s) => resolution(false, s)),
  resolution_p90: timeKpi('resolution_p90', 'resolved', 90, (s) => resolution(false, s)),
  resolution_business_p50: timeKpi('resolution_business_p50', 'resolved', 50, (s) => resolution(true, s)),
  resolution_business_p90: timeKpi('resolution_business_p90', 'resolved', 90, (s) => resolution(true, s)),
  aht: {
    id: 'aht',
    unit: 'ms',
    better: 'lower',
    population: 'resolved',
    counts: (facts) => facts.handlingMs > 0,
    value: (t) => {
      const value: Mean = mean();
      for (const facts of t.filter((item) => item.handlingMs > 0)) {
        value.sum += facts.handlingMs;
        value.count += 1;
      }
      return meanValue(value);
    },
  },
  fcr_rate: {
    id: 'fcr_rate',
    unit: 'ratio',
    better: 'higher',
    population: 'resolved',
    counts: firstContactResolved,
    value: (t, _s, scope) =>
      share(
        t,
        (facts) => fcrMatured(facts, scope),
        (facts) => firstContactResolved(facts, scope),
      ),
  },
  reopen_rate: {
    id: 'reopen_rate',
    unit: 'ratio',
    better: 'lower',
    population: 'resolved',
    counts: (facts) => facts.reopenedAt !== null,
    value: (t) =>
      share(
        t,
        () => true,
        (facts) => facts.reopenedAt !== null,
      ),
  },
  csat_share: {
    id: 'csat_share',
    unit: 'ratio',
    better: 'higher',
    population: 'surveys',
    value: (_t, s, scope) => summarizeScores('csat', surveysOf('csat', s, scope.context)).satisfiedShare,
  },
  csat_mean: {
    id: 'csat_mean',
    unit: 'score',
    better: 'higher',
    population: 'surveys',
    value: (_t, s, scope) => summarizeScores('csat', surveysOf('csat', s, scope.context)).mean,
  },
  nps: {
    id: 'nps',
    unit: 'nps',
    better: 'higher',
    population: 'surveys',
    value: (_t, s, scope) => summarizeScores('nps', surveysOf('nps', s, scope.context)).nps,
  },
  sla_attainment: {
    id: 'sla_attainment',
    unit: 'ratio',
    better: 'higher',
    population: 'created',
    counts: (facts) => slaDecided(facts) && !facts.breached,
    value: (t) => share(t, slaDecided, (facts) => !facts.breached),
  },
  sla_breaches: {
    id: 'sla_breaches',
    unit: 'count',
    better: 'lower',
    population: 'created',
    counts: (facts) => facts.ticket.slaPolicyId !== null && facts.breached,
    value: (t) => t.filter((facts) => facts.ticket.slaPolicyId !== null && facts.breached).length,
  },
  backlog: { id: 'backlog', unit: 'count', better: 'lower', population: 'backlog', value: (t) => t.length },
  backlog_age_p50: {
    id: 'backlog_age_p50',
    unit: 'ms',
    better: 'lower',
    population: 'backlog',
    value: (t, _s, scope) =>
      percentile(
        t.map((facts) => end(scope.context) - facts.createdAt),
        50,
      ),
  },
};

function timeKpi(
  id: KpiId,
  population: KpiPopulation,
  p: number,
  duration: (scope: KpiScope) => (facts: TicketFacts) => number | null,
): KpiDefinition {
  return {
    id,
    unit: 'ms',
    better: 'lower',
    population,
    counts: (facts, scope) => duration(scope)(facts) !== null,
    value: percentileOf(p, duration),
  };
}
