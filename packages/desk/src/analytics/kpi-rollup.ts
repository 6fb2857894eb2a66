import { formatLocalDate, localParts } from '@flowdesk/engine';
import type { Calendar } from '@flowdesk/model';
import { businessTimeBetween } from '../sla/business-time.ts';
import { firstContactResolved } from './kpi-definitions.ts';
import { type Hist, histAdd, histMerge } from './kpi-histogram.ts';
import type { HandoffReason, KpiHistoryEntry, KpiSurvey, KpiTicket } from './kpi-records.ts';
import {
  handedOff,
  isFinishedStatus,
  resolvedAutomatically,
  type TicketFacts,
  ticketFacts,
} from './ticket-facts.ts';

/**
 * The dashboard's rollups (docs/kpis.md, "Rollups"), pure. Each ticket is
 * reduced once to a KpiFactRow: everything the KPI formulas need from its
 * history, computed by the same ticketFacts() the raw path uses. A fact row
 * contributes one aggregate to the day it was created (`c`), one to the day it
 * was first resolved (`r`) and one per answered survey to the answer's day
 * (`s`); rollup rows are the sums of these per local day and per team,
 * channel and flow (and per category or per agent for those breakdowns).
 * When a ticket changes, its old contributions are taken away and its new ones
 * added, so a rollup row always equals the sum over the tickets as they are.
 *
 * What depends on "now" is not rolled up but read at query time from the fact
 * rows: FCR of resolutions younger than 7 days, agent time of tickets an agent
 * is holding right now, and the backlog (from the unfinished intervals).
 */

/** Statuses in which the agent holding the ticket works on it (ticket-facts.ts, handling()). */
const WORKING = new Set(['assigned', 'in_progress']);

export interface KpiFactSurvey {
  kind: 'csat' | 'nps';
  score: number;
  at: number;
}

export interface KpiFactRow {
  ticketId: string;
  createdAt: number;
  team: string | null;
  channel: string;
  /** The flow whose execution made the ticket (the dashboard's flow/template filter). */
  flowId: string | null;
  category: string | null;
  /** The agent holding it now (the breakdown's "agent"). */
  agent: string | null;
  customerId: string | null;
  byFlow: boolean;
  auto: boolean;
  handoff: boolean;
  reason: HandoffReason | null;
  /** First response − creation, calendar and business time; null when unanswered. */
  fr: number | null;
  frb: number | null;
  resolvedAt: number | null;
  res: number | null;
  resb: number | null;
  reopened: boolean;
  /** FCR's numerator test (no reopen within 7 days, no second contact); counted once the 7 days passed. */
  fcrOk: boolean;
  /** Agent working time of finished intervals; the interval running now starts at openSince. */
  handlingClosed: number;
  openSince: number | null;
  slaPolicy: boolean;
  breached: boolean;
  surveys: KpiFactSurvey[];
  /** Intervals in which the ticket was not resolved/closed: [start, end), end null while open. */
  open: Array<[number, number | null]>;
}

export interface KpiFactInput {
  ticket: KpiTicket;
  history: readonly KpiHistoryEntry[];
  surveys: readonly KpiSurvey[];
  /** Why its flow handed it over (read from the step log); ignored unless handed off. */
  handoffReason: HandoffReason | null;
  flowId: string | null;
  calendarOf: (team: string | null) => Calendar | null;
  /** Every ticket of its customer (for FCR's second contact); may include the ticket itself. */
  customerTickets: ReadonlyArray<{ id: string; category: string | null; createdAt: number }>;
  now: number;
}

function handlingSplit(history: readonly KpiHistoryEntry[], createdAt: number, now: number) {
  let status = 'new';
  let assignee: string | null = null;
  let since = createdAt;
  let closed = 0;
  const close = (at: number) => {
    if (assignee && WORKING.has(status) && at > since) closed += at - since;
    since = at;
  };
  for (const entry of history) {
    if (entry.field !== 'status' && entry.field !== 'assignee') continue;
    const at = Date.parse(entry.at);
    if (at > now) break;
    close(at);
    if (entry.field === 'status' && typeof entry.to === 'string') status = entry.to;
    if (entry.field === 'assignee') assignee = typeof entry.to === 'string' ? entry.to : null;
  }
  return { closed, openSince: assignee && WORKING.has(status) ? since : null };
}

function openIntervals(facts: TicketFacts): Array<[number, number | null]> {
  const intervals: Array<[number, number | null]> = [];
  let start: number | null = null;
  for (const change of facts.statuses) {
    const finished = isFinishedStatus(change.status);
    if (!finished && start === null) start = change.at;
    if (finished && start !== null) {
      if (change.at > start) intervals.push([start, change.at]);
      start = null;
    }
  }
  if (start !== null) intervals.push([start, null]);
  return intervals;
}

/** One ticket reduced to what the KPIs need, by the raw path's own functions. */
export function kpiFactRow(input: KpiFactInput): KpiFactRow {
  const { ticket, now } = input;
  const history = [...input.history].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const facts = ticketFacts(ticket, history, now);
  const calendar = input.calendarOf(ticket.team);
  const responded = ticket.firstRespondedAt ? Date.parse(ticket.firstRespondedAt) : null;
  const answered = responded !== null && responded <= now;
  const others = input.customerTickets.map(
    (other) =>
      ({ ticket: { id: other.id, category: other.category }, createdAt: other.createdAt }) as TicketFacts,
  );
  const handoff = handedOff(facts);
  const { closed, openSince } = handlingSplit(history, facts.createdAt, now);
  return {
    ticketId: ticket.id,
    createdAt: facts.createdAt,
    team: ticket.team,
    channel: ticket.channel,
    flowId: input.flowId,
    category: ticket.category,
    agent: ticket.assignee,
    customerId: ticket.customerId,
    byFlow: facts.byFlow,
    auto: resolvedAutomatically(facts),
    handoff,
    reason: handoff ? (input.handoffReason ?? 'unknown') : null,
    fr: answered ? businessTimeBetween(facts.createdAt, responded, null) : null,
    frb: answered ? businessTimeBetween(facts.createdAt, responded, calendar) : null,
    resolvedAt: facts.firstResolvedAt,
    res:
      facts.firstResolvedAt === null
        ? null
        : businessTimeBetween(facts.createdAt, facts.firstResolvedAt, null),
    resb:
      facts.firstResolvedAt === null
        ? null
        : businessTimeBetween(facts.createdAt, facts.firstResolvedAt, calendar),
    reopened: facts.reopenedAt !== null,
    fcrOk: firstContactResolved(facts, {
      context: { period: { from: 0, to: 0 }, now, calendarOf: input.calendarOf },
      sameCustomer: () => others,
    }),
    handlingClosed: closed,
    openSince,
    slaPolicy: ticket.slaPolicyId !== null,
    breached: facts.breached,
    surveys: input.surveys
      .filter(
        (survey) =>
          survey.score !== null &&
          survey.answeredAt !== null &&
          (survey.kind === 'csat' || survey.kind === 'nps'),
      )
      .map((survey) => ({
        kind: survey.kind as 'csat' | 'nps',
        score: survey.score as number,
        at: Date.parse(survey.answeredAt as string),
      })),
    open: openIntervals(facts),
  };
}

// ---- Aggregates ----

export interface CreatedAgg {
  n: number;
  /** Tickets per local hour of day 0–23. */
  hour: number[];
  flow: number;
  auto: number;
  handoff: number;
  reasons: Record<string, number>;
  slaDecided: number;
  slaOk: number;
  breaches: number;
  fr: Hist;
  frb: Hist;
}

export interface ResolvedAgg {
  n: number;
  reopened: number;
  /** Among all first resolutions; only days whose 7 days have passed are read from rollups. */
  fcrOk: number;
  /** Agent time of the tickets nobody holds now (those held now are read at query time). */
  ahtSum: number;
  ahtCount: number;
  res: Hist;
  resb: Hist;
}

export interface SurveyAgg {
  /** Score → number of answers. */
  csat: Record<string, number>;
  nps: Record<string, number>;
}

export interface KpiAgg {
  c?: CreatedAgg;
  r?: ResolvedAgg;
  s?: SurveyAgg;
  /**
   * The backlog's change: +1 per open interval starting, −1 per one ending,
   * on the day each counts from (backlogDay). The backlog at a local midnight
   * is the sum over the days before it; only day rows of group '' hold it.
   */
  o?: number;
}

const hist = (): Hist => ({ n: 0, b: {}, x: [] });

export const emptyCreated = (): CreatedAgg => ({
  n: 0,
  hour: Array.from({ length: 24 }, () => 0),
  flow: 0,
  auto: 0,
  handoff: 0,
  reasons: {},
  slaDecided: 0,
  slaOk: 0,
  breaches: 0,
  fr: hist(),
  frb: hist(),
});
export const emptyResolved = (): ResolvedAgg => ({
  n: 0,
  reopened: 0,
  fcrOk: 0,
  ahtSum: 0,
  ahtCount: 0,
  res: hist(),
  resb: hist(),
});
export const emptySurveys = (): SurveyAgg => ({ csat: {}, nps: {} });

function addCount(record: Record<string, number>, key: string, count: number): void {
  const next = (record[key] ?? 0) + count;
  if (next === 0) delete record[key];
  else record[key] = next;
}

/** Adds (sign 1) or takes away (sign −1) `delta` into `target`. */
export function mergeAgg(target: KpiAgg, delta: KpiAgg, sign: 1 | -1 = 1): KpiAgg {
  if (delta.c) {
    target.c ??= emptyCreated();
    const c = target.c;
    const d = delta.c;
    c.n += sign * d.n;
    for (let h = 0; h < 24; h += 1) c.hour[h] = (c.hour[h] ?? 0) + sign * (d.hour[h] ?? 0);
    c.flow += sign * d.flow;
    c.auto += sign * d.auto;
    c.handoff += sign * d.handoff;
    for (const [reason, count] of Object.entries(d.reasons)) addCount(c.reasons, reason, sign * count);
    c.slaDecided += sign * d.slaDecided;
    c.slaOk += sign * d.slaOk;
    c.breaches += sign * d.breaches;
    histMerge(c.fr, d.fr, sign);
    histMerge(c.frb, d.frb, sign);
  }
  if (delta.r) {
    target.r ??= emptyResolved();
    const r = target.r;
    const d = delta.r;
    r.n += sign * d.n;
    r.reopened += sign * d.reopened;
    r.fcrOk += sign * d.fcrOk;
    r.ahtSum += sign * d.ahtSum;
    r.ahtCount += sign * d.ahtCount;
    histMerge(r.res, d.res, sign);
    histMerge(r.resb, d.resb, sign);
  }
  if (delta.o) {
    const o = (target.o ?? 0) + sign * delta.o;
    if (o === 0) delete target.o;
    else target.o = o;
  }
  if (delta.s) {
    target.s ??= emptySurveys();
    const s = target.s;
    for (const [score, count] of Object.entries(delta.s.csat)) addCount(s.csat, score, sign * count);
    for (const [score, count] of Object.entries(delta.s.nps)) addCount(s.nps, score, sign * count);
  }
  return target;
}

/** Nothing left in a row (it can be deleted). */
export function isEmptyAgg(agg: KpiAgg): boolean {
  return (
    (agg.c?.n ?? 0) === 0 &&
    (agg.r?.n ?? 0) === 0 &&
    Object.keys(agg.s?.csat ?? {}).length === 0 &&
    Object.keys(agg.s?.nps ?? {}).length === 0 &&
    (agg.o ?? 0) === 0
  );
}

export function createdPart(row: KpiFactRow, timezone: string): CreatedAgg {
  return addCreated(emptyCreated(), row, timezone);
}

/**
 * Adds a ticket's created part into `c` in place: what mergeAgg(c, createdPart(row))
 * gives, without a part to build and merge per row (the dashboard's hour buckets add
 * a week of fact rows).
 */
export function addCreated(c: CreatedAgg, row: KpiFactRow, timezone: string): CreatedAgg {
  c.n += 1;
  const hour = localParts(row.createdAt, timezone).hour;
  c.hour[hour] = (c.hour[hour] ?? 0) + 1;
  if (row.byFlow) c.flow += 1;
  if (row.auto) c.auto += 1;
  if (row.handoff) {
    c.handoff += 1;
    const reason = row.reason ?? 'unknown';
    c.reasons[reason] = (c.reasons[reason] ?? 0) + 1;
  }
  const decided = row.slaPolicy && (row.breached || row.resolvedAt !== null);
  if (decided) c.slaDecided += 1;
  if (decided && !row.breached) c.slaOk += 1;
  if (row.slaPolicy && row.breached) c.breaches += 1;
  if (row.fr !== null) histAdd(c.fr, row.fr);
  if (row.frb !== null) histAdd(c.frb, row.frb);
  return c;
}

/** The resolved part; `now` given: agent time includes the running interval (fact-row reads), else it is left out. */
export function resolvedPart(row: KpiFactRow, now: number | null): ResolvedAgg {
  const r = emptyResolved();
  r.n = 1;
  r.reopened = row.reopened ? 1 : 0;
  r.fcrOk = row.fcrOk ? 1 : 0;
  const running = row.openSince !== null && now !== null ? Math.max(0, now - row.openSince) : 0;
  if (row.openSince === null || now !== null) {
    const handling = row.handlingClosed + running;
    if (handling > 0) {
      r.ahtSum = handling;
      r.ahtCount = 1;
    }
  }
  if (row.res !== null) histAdd(r.res, row.res);
  if (row.resb !== null) histAdd(r.resb, row.resb);
  return r;
}

export function surveyPart(survey: KpiFactSurvey): SurveyAgg {
  const s = emptySurveys();
  s[survey.kind][String(survey.score)] = 1;
  return s;
}

export const ROLLUP_GROUPS = ['', 'category', 'agent'] as const;
/** '': the rows per team, channel and flow; 'category' / 'agent': the same split by one more field. */
export type RollupGroup = (typeof ROLLUP_GROUPS)[number];

/**
 * Day rows, and month rows that sum a local month's day rows (the 1st as their
 * `day`): a year's tiles read 12 month rows per team, channel and flow instead
 * of 365 day rows. Series read day rows; the backlog part is in day rows only.
 */
export type RollupUnit = 'day' | 'month';

export interface RollupKey {
  unit: RollupUnit;
  /** Local date (YYYY-MM-DD) in the desk's timezone; for a month row, its 1st. */
  day: string;
  team: string | null;
  channel: string;
  flowId: string | null;
  grp: RollupGroup;
  grpValue: string | null;
}

export interface RollupRow extends RollupKey {
  agg: KpiAgg;
}

export const localDay = (at: number, timezone: string) => formatLocalDate(localParts(at, timezone));

/** The month row (its 1st) a local day belongs to. */
export const monthOf = (day: string) => `${day.slice(0, 8)}01`;

/**
 * The day a backlog change counts from: the backlog at instant `at` holds a
 * ticket created before `at` whose status at `at` is unfinished (kpi-definitions.ts),
 * i.e. an open interval [start, end) with start ≤ at < end (start < at for
 * the first, which starts at creation). A change at t therefore counts at every
 * local midnight M ≥ t (the first interval's start: M > t), and the sum over
 * the days before M is the backlog at M: the day of t − 1 ms (of t for a
 * first start), so a change at exactly midnight counts from that midnight on.
 */
export function backlogDay(at: number, firstStart: boolean, timezone: string): string {
  return localDay(firstStart ? at : at - 1, timezone);
}

function rowContributions(
  row: KpiFactRow,
  timezone: string,
): Array<{ day: string; agg: KpiAgg; backlog: boolean }> {
  const parts: Array<{ day: string; agg: KpiAgg; backlog: boolean }> = [
    { day: localDay(row.createdAt, timezone), agg: { c: createdPart(row, timezone) }, backlog: false },
  ];
  if (row.resolvedAt !== null)
    parts.push({
      day: localDay(row.resolvedAt, timezone),
      agg: { r: resolvedPart(row, null) },
      backlog: false,
    });
  for (const survey of row.surveys)
    parts.push({ day: localDay(survey.at, timezone), agg: { s: surveyPart(survey) }, backlog: false });
  for (const [start, end] of row.open) {
    parts.push({ day: backlogDay(start, start === row.createdAt, timezone), agg: { o: 1 }, backlog: true });
    if (end !== null) parts.push({ day: backlogDay(end, false, timezone), agg: { o: -1 }, backlog: true });
  }
  return parts;
}

export function rollupKeyString(key: RollupKey): string {
  return JSON.stringify([key.unit, key.day, key.team, key.channel, key.flowId, key.grp, key.grpValue]);
}

const DAY_ONLY: readonly RollupUnit[] = ['day'];
const DAY_AND_MONTH: readonly RollupUnit[] = ['day', 'month'];
const GROUP_ONLY: readonly RollupGroup[] = [''];

/** What one rollup row loses and gains; kept apart so exact duration lists stay exact. */
export interface RollupDelta extends RollupKey {
  minus: KpiAgg;
  plus: KpiAgg;
}

/**
 * The changes to the rollup rows when a ticket's fact row goes from `previous`
 * to `next` (null: absent): every old contribution taken away, every new one
 * added, collected per row (several tickets can share one map).
 */
export function rollupDeltas(
  previous: KpiFactRow | null,
  next: KpiFactRow | null,
  timezone: string,
  into: Map<string, RollupDelta> = new Map(),
): Map<string, RollupDelta> {
  const apply = (row: KpiFactRow, side: 'minus' | 'plus') => {
    for (const part of rowContributions(row, timezone)) {
      for (const unit of part.backlog ? DAY_ONLY : DAY_AND_MONTH)
        for (const grp of part.backlog ? GROUP_ONLY : ROLLUP_GROUPS) {
          const key: RollupKey = {
            unit,
            day: unit === 'month' ? monthOf(part.day) : part.day,
            team: row.team,
            channel: row.channel,
            flowId: row.flowId,
            grp,
            grpValue: grp === 'category' ? row.category : grp === 'agent' ? row.agent : null,
          };
          const id = rollupKeyString(key);
          const current = into.get(id) ?? { ...key, minus: {}, plus: {} };
          mergeAgg(current[side], part.agg, 1);
          into.set(id, current);
        }
    }
  };
  if (previous && next && JSON.stringify(previous) === JSON.stringify(next)) return into;
  if (previous) apply(previous, 'minus');
  if (next) apply(next, 'plus');
  return into;
}

/** A stored row (null: none) after a delta; null when nothing is left. */
export function applyRollupDelta(
  stored: KpiAgg | null,
  delta: Pick<RollupDelta, 'minus' | 'plus'>,
): KpiAgg | null {
  const agg = mergeAgg(mergeAgg(stored ?? {}, delta.minus, -1), delta.plus, 1);
  return isEmptyAgg(agg) ? null : agg;
}
