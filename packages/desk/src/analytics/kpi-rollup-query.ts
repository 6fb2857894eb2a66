import { addLocalDays, formatLocalDate, localParts, localToInstant } from '@flowdesk/engine';
import type { KpiAggPart } from '@flowdesk/store';
import { summarizeScores } from '../surveys/survey-scores.ts';
import { percentile } from './kpi-aggregates.ts';
import { AGEING_BUCKETS, type AgeingBucket, type BreakdownKey, type KpiReport } from './kpi-compute.ts';
import { DAY_MS, FCR_WINDOW_MS, KPI_DEFINITIONS, KPI_IDS, type KpiId } from './kpi-definitions.ts';
import { histPercentile } from './kpi-histogram.ts';
import { HANDOFF_REASONS, type HandoffReason, type KpiPeriod } from './kpi-records.ts';
import {
  addCreated,
  emptyCreated,
  emptyResolved,
  type KpiAgg,
  type KpiFactRow,
  localDay,
  mergeAgg,
  monthOf,
  type RollupGroup,
  type RollupRow,
  type RollupUnit,
  resolvedPart,
  surveyPart,
} from './kpi-rollup.ts';

/**
 * Answers the dashboard from rollups (kpi-rollup.ts): whole local days of a
 * range from the day rows, the partial days at its ends from the fact rows,
 * and what depends on "now" (young FCR, agent time running now, the backlog)
 * from the fact rows too. The numbers are those of the raw path
 * (kpi-compute.ts), percentiles over more than HIST_EXACT_MAX values aside
 * (within one histogram bucket, kpi-histogram.ts).
 */

/**
 * What a fact row is grouped and counted by, without the rest (read from the
 * store's columns, not its JSON: the backlog now and a week of resolutions are
 * tens of thousands of tickets at a million).
 */
export type KpiFactKeys = Pick<
  KpiFactRow,
  'team' | 'channel' | 'category' | 'agent' | 'createdAt' | 'resolvedAt' | 'fcrOk'
>;

/** Where the rollup reads come from; the filters (team, channel, flow) are applied by the source. */
export interface KpiRollupSource {
  /**
   * Rollup rows of local days (or months: their 1st) fromDay ≤ day < toDay; with `parts`, their
   * aggs may hold only those parts (c, r, s).
   */
  rows(
    fromDay: string,
    toDay: string,
    grp: RollupGroup,
    unit: RollupUnit,
    parts?: readonly KpiAggPart[],
  ): Promise<RollupRow[]>;
  /** Tickets created per local day, fromDay ≤ day < toDay (the day rows' c.n summed). */
  createdByDay(fromDay: string, toDay: string): Promise<Map<string, number>>;
  /** The day rows' backlog changes (o) summed per day, for every day before toDay. */
  backlogChanges(toDay: string): Promise<Array<{ day: string; change: number }>>;
  /** Keys of the fact rows first resolved in the period (FCR of young resolutions). */
  resolvedKeys(period: KpiPeriod): Promise<KpiFactKeys[]>;
  /** Fact rows created in the period. */
  created(period: KpiPeriod): Promise<KpiFactRow[]>;
  /** Fact rows first resolved in the period. */
  resolved(period: KpiPeriod): Promise<KpiFactRow[]>;
  /** Fact rows first resolved in the period that an agent holds now (openSince set). */
  heldNow(period: KpiPeriod): Promise<KpiFactRow[]>;
  /** Fact rows with a survey answered in the period. */
  answered(period: KpiPeriod): Promise<KpiFactRow[]>;
  /** Keys of the fact rows created before `at` and not resolved/closed at it. */
  backlog(at: number): Promise<KpiFactKeys[]>;
  /** When each of those tickets was created: the backlog's size and ages when no group is asked. */
  backlogCreated(at: number): Promise<number[]>;
  /** Every open interval [start, end) with end > from and start ≤ to, with its ticket's keys (end null: open). */
  backlogIntervals(
    from: number,
    to: number,
  ): Promise<Array<KpiFactKeys & { start: number; end: number | null }>>;
  /** Answers of surveys without a ticket (counted only without filters: the source gives none then). */
  unticketedSurveys(period: KpiPeriod): Promise<Array<{ kind: 'csat' | 'nps'; score: number; at: number }>>;
}

export interface Collected {
  agg: KpiAgg;
  fcrN: number;
  fcrOk: number;
  /** Answers of surveys without a ticket. */
  loose: KpiAgg;
  backlogAges: number[];
  byDay: Map<string, number>;
}

const emptyCollected = (): Collected => ({
  agg: {},
  fcrN: 0,
  fcrOk: 0,
  loose: {},
  backlogAges: [],
  byDay: new Map(),
});

interface DaySpan {
  /** Local days [fromDay, toDay) wholly inside the period; fromDay === toDay: none. */
  fromDay: string;
  toDay: string;
  /** Their instants; from === to when none. */
  from: number;
  to: number;
}

function nextDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return formatLocalDate(addLocalDays({ year, month, day: date }, 1));
}

function dayStart(day: string, timezone: string): number {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return localToInstant({ year, month, day: date, hour: 0, minute: 0 }, timezone);
}

/** The whole local days inside a period. */
export function wholeDays(period: KpiPeriod, timezone: string): DaySpan {
  const first = localParts(period.from, timezone);
  let fromDay = formatLocalDate(first);
  if (dayStart(fromDay, timezone) < period.from) fromDay = nextDay(fromDay);
  let toDay = localDay(period.to, timezone);
  // The day holding `to` is whole only if `to` is its midnight; the day starts at or before it.
  if (toDay < fromDay) toDay = fromDay;
  const from = dayStart(fromDay, timezone);
  const to = dayStart(toDay, timezone);
  if (to <= from) return { fromDay, toDay: fromDay, from: period.from, to: period.from };
  return { fromDay, toDay, from, to };
}

export type KpiNeed = 'created' | 'resolved' | 'surveys' | 'backlog';

/** Everything a KPI (or all of them) reads. */
export function needsOf(ids: readonly KpiId[]): Set<KpiNeed> {
  const needs = new Set<KpiNeed>();
  for (const id of ids) {
    const population = KPI_DEFINITIONS[id].population;
    needs.add(population === 'surveys' ? 'surveys' : population);
  }
  return needs;
}

/** The parts of the rollup rows these needs read (the backlog comes from elsewhere). */
function aggPartsOf(needs: Set<KpiNeed>): KpiAggPart[] {
  const parts: KpiAggPart[] = [];
  if (needs.has('created')) parts.push('c');
  if (needs.has('resolved')) parts.push('r');
  if (needs.has('surveys')) parts.push('s');
  return parts;
}

/** The data one period needs, read once; `collect` then sums any bucket of it. */
export interface Gathered {
  period: KpiPeriod;
  span: DaySpan;
  timezone: string;
  now: number;
  rows: RollupRow[];
  /** Tickets created per day of the days that month rows cover (their rows hold no day). */
  monthDays: Map<string, number>;
  /** Fact rows of the partial days (or the whole period when `factsOnly`). */
  created: KpiFactRow[];
  resolved: KpiFactRow[];
  answered: KpiFactRow[];
  /** Resolutions of whole days whose 7 days have not passed (FCR read from fact rows). */
  young: KpiFactKeys[];
  youngFrom: number;
  heldNow: KpiFactRow[];
  loose: Array<{ kind: 'csat' | 'nps'; score: number; at: number }>;
  dayStarts: Map<string, number>;
}

/** The parts of a period outside its whole days (the whole period when it holds none). */
function partialDays(period: KpiPeriod, span: DaySpan): KpiPeriod[] {
  if (span.from === span.to) return [period];
  const edges: KpiPeriod[] = [];
  if (period.from < span.from) edges.push({ from: period.from, to: span.from });
  if (span.to < period.to) edges.push({ from: span.to, to: period.to });
  return edges;
}

/** The 1st of the month after a day's month. */
function nextMonth(day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

/**
 * [fromDay, toDay) cut into leading days, whole months (ending by `monthsUntil`)
 * and trailing days; no months when none fits.
 */
function monthSplit(fromDay: string, toDay: string, monthsUntil: string) {
  let first = monthOf(fromDay) === fromDay ? fromDay : nextMonth(fromDay);
  let last = first;
  while (nextMonth(last) <= toDay && nextMonth(last) <= monthsUntil) last = nextMonth(last);
  if (last <= first) first = last = toDay;
  return { first, last };
}

export async function gather(
  source: KpiRollupSource,
  period: KpiPeriod,
  options: {
    now: number;
    timezone: string;
    grp: RollupGroup;
    needs: Set<KpiNeed>;
    factsOnly?: boolean;
    /** Whole months may come from month rows (a read whose only bucket is the period). */
    months?: boolean;
  },
): Promise<Gathered> {
  const { now, timezone, needs } = options;
  const span = options.factsOnly
    ? { fromDay: '', toDay: '', from: period.from, to: period.from }
    : wholeDays(period, timezone);
  const edges = partialDays(period, span);
  const over = async (read: (edge: KpiPeriod) => Promise<KpiFactRow[]>) =>
    (await Promise.all(edges.map(read))).flat();
  // Whole days ending after now − 7 days: their FCR comes from the fact rows.
  const matured = now - FCR_WINDOW_MS;
  let youngFrom = span.to;
  let youngFromDay = span.toDay;
  if (span.from < span.to && matured < span.to) {
    // The first whole day ending after `matured`: the day holding it (or the span's first).
    let day = localDay(matured, timezone);
    if (day < span.fromDay) day = span.fromDay;
    let start = dayStart(day, timezone);
    if (dayStart(nextDay(day), timezone) <= matured) {
      day = nextDay(day);
      start = dayStart(day, timezone);
    }
    if (day < span.toDay) {
      youngFrom = start;
      youngFromDay = day;
    }
  }
  const rowsNeeded = needs.has('created') || needs.has('resolved') || needs.has('surveys');
  const rows: RollupRow[] = [];
  const monthDays = new Map<string, number>();
  if (span.from < span.to && rowsNeeded) {
    // Months must end by the first young day: a month row holds no day's FCR apart.
    const { first, last } = options.months
      ? monthSplit(span.fromDay, span.toDay, needs.has('resolved') ? youngFromDay : span.toDay)
      : { first: span.toDay, last: span.toDay };
    const parts = aggPartsOf(needs);
    const reads = [source.rows(span.fromDay, first, options.grp, 'day', parts)];
    if (first < last) reads.push(source.rows(first, last, options.grp, 'month', parts));
    if (last < span.toDay) reads.push(source.rows(last, span.toDay, options.grp, 'day', parts));
    for (const part of await Promise.all(reads)) rows.push(...part);
    if (first < last && needs.has('created'))
      for (const [day, count] of await source.createdByDay(first, last)) monthDays.set(day, count);
  }
  const dayStarts = new Map<string, number>();
  for (const row of rows) if (!dayStarts.has(row.day)) dayStarts.set(row.day, dayStart(row.day, timezone));
  const whole = { from: span.from, to: span.to };
  return {
    period,
    span,
    timezone,
    now,
    rows,
    monthDays,
    created: needs.has('created') ? await over((edge) => source.created(edge)) : [],
    resolved: needs.has('resolved') ? await over((edge) => source.resolved(edge)) : [],
    answered: needs.has('surveys') ? await over((edge) => source.answered(edge)) : [],
    // Of the young resolutions only those 7 days old by now count for FCR (collect): the rest,
    // most of a week's, is not read.
    young:
      needs.has('resolved') && youngFrom < Math.min(span.to, matured + 1)
        ? await source.resolvedKeys({ from: youngFrom, to: Math.min(span.to, matured + 1) })
        : [],
    youngFrom,
    heldNow: needs.has('resolved') && span.from < span.to ? await source.heldNow(whole) : [],
    loose: needs.has('surveys') ? await source.unticketedSurveys(period) : [],
    dayStarts,
  };
}

/** The group of a rollup row or a fact row for a breakdown (null `by`: everything in one group ''). */
export function groupFn(by: BreakdownKey | null): (row: RollupRow | KpiFactKeys) => string | null {
  return (row) => {
    if (by === null) return '';
    if (by === 'team') return row.team;
    if (by === 'channel') return row.channel;
    if ('grp' in row) return row.grpValue;
    return by === 'category' ? row.category : row.agent;
  };
}

export const rollupGroupOf = (by: BreakdownKey | null): RollupGroup =>
  by === 'category' ? 'category' : by === 'agent' ? 'agent' : '';

/**
 * Sums one bucket (the period itself, or a series bucket inside it) per group.
 * `backlog` gives the backlog's fact rows at the bucket's end when asked.
 */
export function collect(
  gathered: Gathered,
  bucket: KpiPeriod,
  by: BreakdownKey | null,
  backlog: KpiFactKeys[] | null,
): Map<string | null, Collected> {
  const { span, now, timezone } = gathered;
  const groups = new Map<string | null, Collected>();
  const of = groupFn(by);
  const get = (group: string | null) => {
    let found = groups.get(group);
    if (!found) {
      found = emptyCollected();
      groups.set(group, found);
    }
    return found;
  };
  const matured = now - FCR_WINDOW_MS;
  const inBucket = (at: number) => at >= bucket.from && at < bucket.to;
  const inSpan = (at: number) => at >= span.from && at < span.to;
  for (const row of gathered.rows) {
    const start = gathered.dayStarts.get(row.day) ?? 0;
    if (start < bucket.from || start >= bucket.to) continue;
    const target = get(of(row));
    mergeAgg(target.agg, row.agg);
    if (row.agg.c && row.unit === 'day')
      target.byDay.set(row.day, (target.byDay.get(row.day) ?? 0) + row.agg.c.n);
    if (row.agg.r && start < gathered.youngFrom) {
      target.fcrN += row.agg.r.n;
      target.fcrOk += row.agg.r.fcrOk;
    }
  }
  // The partial days at the ends (buckets there are clipped to the period, so they hold only those).
  for (const row of gathered.created) {
    if (!inBucket(row.createdAt) || inSpan(row.createdAt)) continue;
    const target = get(of(row));
    target.agg.c = addCreated(target.agg.c ?? emptyCreated(), row, timezone);
    const day = localDay(row.createdAt, timezone);
    target.byDay.set(day, (target.byDay.get(day) ?? 0) + 1);
  }
  const fcr = (target: Collected, row: KpiFactKeys) => {
    if (row.resolvedAt === null || row.resolvedAt > matured) return;
    target.fcrN += 1;
    target.fcrOk += row.fcrOk ? 1 : 0;
  };
  for (const row of gathered.resolved) {
    if (row.resolvedAt === null || !inBucket(row.resolvedAt) || inSpan(row.resolvedAt)) continue;
    const target = get(of(row));
    mergeAgg(target.agg, { r: resolvedPart(row, now) });
    fcr(target, row);
  }
  for (const row of gathered.young) {
    if (row.resolvedAt === null || !inBucket(row.resolvedAt)) continue;
    fcr(get(of(row)), row);
  }
  // Agent time running now: the rollups left these tickets' agent time out.
  for (const row of gathered.heldNow) {
    if (row.resolvedAt === null || !inBucket(row.resolvedAt) || !inSpan(row.resolvedAt)) continue;
    const part = resolvedPart(row, now);
    const { agg } = get(of(row));
    agg.r ??= emptyResolved();
    const r = agg.r;
    r.ahtSum += part.ahtSum;
    r.ahtCount += part.ahtCount;
  }
  for (const row of gathered.answered) {
    for (const survey of row.surveys) {
      if (!inBucket(survey.at) || inSpan(survey.at)) continue;
      mergeAgg(get(of(row)).agg, { s: surveyPart(survey) });
    }
  }
  if (by === null) {
    for (const survey of gathered.loose) {
      if (!inBucket(survey.at)) continue;
      mergeAgg(get('').loose, { s: surveyPart(survey) });
    }
  }
  if (backlog) {
    const end = Math.min(bucket.to, now);
    for (const row of backlog) get(of(row)).backlogAges.push(end - row.createdAt);
  }
  if (by === null) get('');
  return groups;
}

function scores(
  counts: Record<string, number> | undefined,
  loose: Record<string, number> | undefined,
): number[] {
  const list: number[] = [];
  for (const source of [counts ?? {}, loose ?? {}]) {
    for (const [score, count] of Object.entries(source))
      for (let i = 0; i < count; i += 1) list.push(Number(score));
  }
  return list;
}

const share = (numerator: number, denominator: number) =>
  denominator === 0 ? null : numerator / denominator;

function ageingBucket(ageMs: number): AgeingBucket {
  if (ageMs < DAY_MS) return 'under_1d';
  if (ageMs < 3 * DAY_MS) return '1d_3d';
  if (ageMs < 7 * DAY_MS) return '3d_7d';
  return 'over_7d';
}

/** The KPI values (and hand-off reasons, ageing) of one collected group: the formulas of kpi-definitions.ts. */
export function finishReport(collected: Collected): KpiReport {
  const c = collected.agg.c;
  const r = collected.agg.r;
  const csat = summarizeScores('csat', scores(collected.agg.s?.csat, collected.loose.s?.csat));
  const nps = summarizeScores('nps', scores(collected.agg.s?.nps, collected.loose.s?.nps));
  const values: Record<KpiId, number | null> = {
    volume: c?.n ?? 0,
    automated_resolution_rate: c ? share(c.auto, c.flow) : null,
    handoff_rate: c ? share(c.handoff, c.flow) : null,
    first_response_p50: c ? histPercentile(c.fr, 50) : null,
    first_response_p90: c ? histPercentile(c.fr, 90) : null,
    first_response_business_p50: c ? histPercentile(c.frb, 50) : null,
    first_response_business_p90: c ? histPercentile(c.frb, 90) : null,
    resolution_p50: r ? histPercentile(r.res, 50) : null,
    resolution_p90: r ? histPercentile(r.res, 90) : null,
    resolution_business_p50: r ? histPercentile(r.resb, 50) : null,
    resolution_business_p90: r ? histPercentile(r.resb, 90) : null,
    aht: r && r.ahtCount > 0 ? r.ahtSum / r.ahtCount : null,
    fcr_rate: share(collected.fcrOk, collected.fcrN),
    reopen_rate: r ? share(r.reopened, r.n) : null,
    csat_share: csat.satisfiedShare,
    csat_mean: csat.mean,
    nps: nps.nps,
    sla_attainment: c ? share(c.slaOk, c.slaDecided) : null,
    sla_breaches: c?.breaches ?? 0,
    backlog: collected.backlogAges.length,
    backlog_age_p50: percentile(collected.backlogAges, 50),
  };
  const handoffReasons = Object.fromEntries(
    HANDOFF_REASONS.map((reason) => [reason, c?.reasons[reason] ?? 0]),
  ) as Record<HandoffReason, number>;
  const ageing = Object.fromEntries(AGEING_BUCKETS.map((bucket) => [bucket, 0])) as Record<
    AgeingBucket,
    number
  >;
  for (const age of collected.backlogAges) ageing[ageingBucket(age)] += 1;
  return { values, handoffReasons, ageing };
}

/** How many tickets (or answers) a KPI's value stands on (kpi-compute.ts, sampleOf). */
export function sampleFromCollected(collected: Collected, id: KpiId): number {
  const population = KPI_DEFINITIONS[id].population;
  if (population === 'created') return collected.agg.c?.n ?? 0;
  if (population === 'resolved') return collected.agg.r?.n ?? 0;
  if (population === 'backlog') return collected.backlogAges.length;
  const kind = id === 'nps' ? 'nps' : 'csat';
  return scores(collected.agg.s?.[kind], collected.loose.s?.[kind]).length;
}

/**
 * Tickets created in a bucket per group, as collect() counts them (agg.c.n), without
 * merging the rest of each row: the tiles' volume by channel and team and the volume
 * breakdown need only the counts, and merging every row's histograms was most of their time.
 */
function collectVolume(
  gathered: Gathered,
  bucket: KpiPeriod,
  by: BreakdownKey | null,
): Map<string | null, number> {
  const { span } = gathered;
  const counts = new Map<string | null, number>();
  const of = groupFn(by);
  const add = (group: string | null, count: number) => counts.set(group, (counts.get(group) ?? 0) + count);
  for (const row of gathered.rows) {
    const start = gathered.dayStarts.get(row.day) ?? 0;
    if (start < bucket.from || start >= bucket.to || !row.agg.c) continue;
    add(of(row), row.agg.c.n);
  }
  for (const row of gathered.created) {
    const at = row.createdAt;
    if (at < bucket.from || at >= bucket.to || (at >= span.from && at < span.to)) continue;
    add(of(row), 1);
  }
  return counts;
}

const volumeRows = (counts: Map<string | null, number>) =>
  [...counts]
    .map(([group, count]) => ({ group, count }))
    .filter((row) => row.count > 0)
    .sort((a, b) => b.count - a.count || String(a.group).localeCompare(String(b.group)));

/**
 * Every KPI of a period from rollups (kpi-compute.ts computeKpis), with the
 * volume by hour, day, channel and team from the same read.
 */
export async function rollupKpis(
  source: KpiRollupSource,
  period: KpiPeriod,
  options: { now: number; timezone: string },
): Promise<{
  report: KpiReport;
  byHour: number[];
  byDay: Array<{ day: string; count: number }>;
  byChannel: Array<{ group: string | null; count: number }>;
  byTeam: Array<{ group: string | null; count: number }>;
}> {
  const needs = needsOf(KPI_IDS);
  const gathered = await gather(source, period, { ...options, grp: '', needs, months: true });
  const end = Math.min(period.to, options.now);
  const created = await source.backlogCreated(end);
  const collected = collect(gathered, period, null, null).get('') ?? emptyCollected();
  collected.backlogAges = created.map((at) => end - at);
  for (const [day, count] of gathered.monthDays) collected.byDay.set(day, count);
  return {
    report: finishReport(collected),
    byHour: collected.agg.c?.hour ?? Array.from({ length: 24 }, () => 0),
    byDay: [...collected.byDay]
      .filter(([, count]) => count > 0)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([day, count]) => ({ day, count })),
    byChannel: volumeRows(collectVolume(gathered, period, 'channel')),
    byTeam: volumeRows(collectVolume(gathered, period, 'team')),
  };
}

/** One KPI per group (kpi-compute.ts breakdown): largest sample first, empty groups left out. */
export async function rollupBreakdown(
  source: KpiRollupSource,
  period: KpiPeriod,
  id: KpiId,
  by: BreakdownKey,
  options: { now: number; timezone: string },
): Promise<Array<{ group: string | null; value: number | null; sample: number }>> {
  const needs = needsOf([id]);
  const gathered = await gather(source, period, {
    ...options,
    grp: rollupGroupOf(by),
    needs,
    months: true,
  });
  if (id === 'volume')
    return volumeRows(collectVolume(gathered, period, by)).map(({ group, count }) => ({
      group,
      value: count,
      sample: count,
    }));
  const backlog = needs.has('backlog') ? await source.backlog(Math.min(period.to, options.now)) : null;
  return [...collect(gathered, period, by, backlog)]
    .map(([group, collected]) => ({
      group,
      value: finishReport(collected).values[id],
      sample: sampleFromCollected(collected, id),
    }))
    .filter((row) => row.sample > 0)
    .sort((a, b) => b.sample - a.sample || String(a.group).localeCompare(String(b.group)));
}

/**
 * The backlog's tickets at each instant (`ats`, ascending), from one read of
 * the open intervals around them (backlog counts as the raw path: created
 * before the instant, not resolved or closed at it).
 */
async function backlogSweep(source: KpiRollupSource, ats: readonly number[]): Promise<KpiFactKeys[][]> {
  if (ats.length === 1) return [await source.backlog(ats[0] as number)];
  const intervals = await source.backlogIntervals(ats[0] as number, ats[ats.length - 1] as number);
  return ats.map((at) =>
    intervals.filter(
      (interval) =>
        interval.createdAt < at && interval.start <= at && (interval.end === null || interval.end > at),
    ),
  );
}

/**
 * The backlog's size at each instant: at a local midnight, the day rows'
 * backlog changes summed over the days before it (a year of weeks is one read
 * of small rows, not 52 reads of the open intervals); elsewhere from the
 * intervals.
 */
async function backlogCounts(
  source: KpiRollupSource,
  ats: readonly number[],
  timezone: string,
): Promise<number[]> {
  const counts = ats.map(() => 0);
  const midnight = ats.map((at) => dayStart(localDay(at, timezone), timezone) === at);
  const midnights = ats.filter((_, index) => midnight[index]);
  if (midnights.length > 0) {
    const last = localDay(midnights[midnights.length - 1] as number, timezone);
    const changes = await source.backlogChanges(last);
    let sum = 0;
    let next = 0;
    for (const [index, at] of ats.entries()) {
      if (!midnight[index]) continue;
      const day = localDay(at, timezone);
      while (next < changes.length && (changes[next] as { day: string }).day < day) {
        sum += (changes[next] as { change: number }).change;
        next += 1;
      }
      counts[index] = sum;
    }
  }
  const others = ats.filter((_, index) => !midnight[index]);
  if (others.length > 0) {
    const tickets = await backlogSweep(source, others);
    let next = 0;
    for (const [index] of ats.entries()) {
      if (midnight[index]) continue;
      counts[index] = (tickets[next] as KpiFactKeys[]).length;
      next += 1;
    }
  }
  return counts;
}

/**
 * Volume per bucket without parsing a day row: whole days from the rows'
 * created_n summed in SQL (createdByDay), the partial days at the ends from
 * the fact rows (a year by day was 365 × team × channel × flow JSON rows).
 */
async function volumeSeries(
  source: KpiRollupSource,
  period: KpiPeriod,
  buckets: readonly KpiPeriod[],
  timezone: string,
): Promise<Array<{ from: string; to: string; value: number | null }>> {
  const span = wholeDays(period, timezone);
  const edges = partialDays(period, span);
  const days = span.from < span.to ? await source.createdByDay(span.fromDay, span.toDay) : new Map();
  const created = (await Promise.all(edges.map((edge) => source.created(edge)))).flat();
  const starts = [...days].map(([day, count]) => [dayStart(day, timezone), count] as const);
  return buckets.map((bucket) => {
    let value = 0;
    for (const [start, count] of starts) if (start >= bucket.from && start < bucket.to) value += count;
    for (const row of created) if (row.createdAt >= bucket.from && row.createdAt < bucket.to) value += 1;
    return { from: new Date(bucket.from).toISOString(), to: new Date(bucket.to).toISOString(), value };
  });
}

/** The bucket holding `at` (buckets ascending, not overlapping), −1 for none. */
function bucketOf(buckets: readonly KpiPeriod[], at: number): number {
  let low = 0;
  let high = buckets.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const bucket = buckets[middle] as KpiPeriod;
    if (at < bucket.from) high = middle - 1;
    else if (at >= bucket.to) low = middle + 1;
    else return middle;
  }
  return -1;
}

/** Each item in the buckets holding one of its instants (once per bucket). */
function partition<T>(
  items: readonly T[],
  buckets: readonly KpiPeriod[],
  instants: (item: T) => readonly (number | null)[],
): T[][] {
  const parts = buckets.map((): T[] => []);
  for (const item of items) {
    let last = -1;
    for (const at of instants(item)) {
      const index = at === null ? -1 : bucketOf(buckets, at);
      if (index >= 0 && index !== last) (parts[index] as T[]).push(item);
      last = index;
    }
  }
  return parts;
}

/**
 * The gathered data cut per series bucket, each part holding every row collect()
 * would count in that bucket: a week by hour is 168 buckets, and collecting each
 * over all of the week's fact rows was most of that series' time.
 */
function perBucket(gathered: Gathered, buckets: readonly KpiPeriod[]): Gathered[] {
  const rows = partition(gathered.rows, buckets, (row) => [gathered.dayStarts.get(row.day) ?? 0]);
  const created = partition(gathered.created, buckets, (row) => [row.createdAt]);
  const resolved = partition(gathered.resolved, buckets, (row) => [row.resolvedAt]);
  const young = partition(gathered.young, buckets, (row) => [row.resolvedAt]);
  const heldNow = partition(gathered.heldNow, buckets, (row) => [row.resolvedAt]);
  const answered = partition(gathered.answered, buckets, (row) =>
    row.surveys.map((survey) => survey.at).sort((a, b) => a - b),
  );
  const loose = partition(gathered.loose, buckets, (survey) => [survey.at]);
  return buckets.map((_, index) => ({
    ...gathered,
    rows: rows[index] as RollupRow[],
    created: created[index] as KpiFactRow[],
    resolved: resolved[index] as KpiFactRow[],
    young: young[index] as KpiFactKeys[],
    heldNow: heldNow[index] as KpiFactRow[],
    answered: answered[index] as KpiFactRow[],
    loose: loose[index] as Gathered['loose'],
  }));
}

/** One KPI per series bucket (kpi-series.ts kpiSeries); hour buckets read fact rows only. */
export async function rollupSeries(
  source: KpiRollupSource,
  period: KpiPeriod,
  id: KpiId,
  buckets: readonly KpiPeriod[],
  options: { now: number; timezone: string; factsOnly: boolean },
): Promise<Array<{ from: string; to: string; value: number | null }>> {
  if (id === 'volume' && !options.factsOnly) return volumeSeries(source, period, buckets, options.timezone);
  const needs = needsOf([id]);
  const gathered = await gather(source, period, { ...options, grp: '', needs });
  const ats = buckets.map((bucket) => Math.min(bucket.to, options.now));
  // The backlog's size needs no ticket; its age needs every ticket at every instant.
  const sizes = id === 'backlog' ? await backlogCounts(source, ats, options.timezone) : null;
  const tickets = needs.has('backlog') && id !== 'backlog' ? await backlogSweep(source, ats) : null;
  const parts = perBucket(gathered, buckets);
  return buckets.map((bucket, index) => {
    const point = { from: new Date(bucket.from).toISOString(), to: new Date(bucket.to).toISOString() };
    if (sizes) return { ...point, value: sizes[index] ?? 0 };
    const part = parts[index] as Gathered;
    const collected = collect(part, bucket, null, tickets?.[index] ?? null).get('') ?? emptyCollected();
    return { ...point, value: finishReport(collected).values[id] };
  });
}
