import {
  type AgeingBucket,
  type BreakdownKey,
  breakdown,
  bucketBounds,
  computeKpis,
  DEFAULT_TIMEZONE,
  drillDown,
  groupOf,
  type HandoffReason,
  KPI_DEFINITIONS,
  KPI_IDS,
  type KpiId,
  type KpiRollupSource,
  type KpiUnit,
  kpiSeries,
  rollupBreakdown,
  rollupKpis,
  rollupSeries,
  type SeriesBucket,
  type SeriesPoint,
  volumeByTime,
  withPeriod,
} from '@flowdesk/desk';
import type { LocalizedText } from '@flowdesk/model';
import { type AppServices, DEFAULT_WORKSPACE_ID } from '../app-deps.ts';
import { AppError, isAppError } from '../http/app-error.ts';
import { classifyCategories } from '../tickets/ticket-work.ts';
import { checkFilters, checkRange, loadAnalytics, previousRange, type Range } from './analytics-data.ts';
import type { AnalyticsFilters } from './analytics-inputs.ts';
import { readAnalyticsTargets } from './analytics-targets.ts';
import { catchUpKpiRollups, ROLLUP_LAG_LIMIT, rollupSource } from './kpi-rollup-job.ts';

/**
 * What the dashboard asks (tRPC `analytics.*`), answered from the KPI
 * definitions in @flowdesk/desk (packages/desk/src/analytics, formulas in
 * docs/kpis.md). Every value is a number in its KPI's unit or null for "no
 * data"; times are ISO-8601 UTC.
 */

/** At most this many points in one series (31 days by the hour, a year by the day). */
export const SERIES_MAX_POINTS = 744;

export interface KpiTile {
  id: KpiId;
  /** count: tickets; ratio: 0–1; ms: milliseconds; score: CSAT 1–5; nps: −100…100. */
  unit: KpiUnit;
  /** Whether a larger value is better (how to colour the change). */
  better: 'higher' | 'lower';
  value: number | null;
  /** The same KPI over the period of the same length just before; null without data or when not asked. */
  previous: number | null;
  /** value − previous, in the KPI's unit; null when either is null. */
  change: number | null;
  /** The workspace's target (setting analytics.targets), or null. */
  target: number | null;
}

export interface KpisAnswer {
  from: string;
  to: string;
  previous: { from: string; to: string } | null;
  /** In KPI_IDS order. */
  kpis: KpiTile[];
  /** The period's handed-over flow tickets by reason (and the previous period's). */
  handoffReasons: { current: Record<HandoffReason, number>; previous: Record<HandoffReason, number> | null };
  /** The backlog at the period's end (or now, if earlier) by age. */
  ageing: Record<AgeingBucket, number>;
  /** Tickets created in the period by channel, category and team (null: none), by local hour 0–23 and local date. */
  volume: {
    byChannel: Array<{ group: string | null; count: number }>;
    byCategory: Array<{ group: string | null; count: number }>;
    byTeam: Array<{ group: string | null; count: number }>;
    byHour: number[];
    byDay: Array<{ day: string; count: number }>;
  };
  /** The zone days and hours are counted in. */
  timezone: string;
  /** When these numbers were computed (the dashboard's "as of"). */
  computedAt: string;
  /** Ticket changes made before computedAt that these numbers do not count yet (folded in within seconds). */
  pendingChanges: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

function volumeBy(rows: ReturnType<typeof breakdown>) {
  return rows.map((row) => ({ group: row.group, count: row.value ?? 0 }));
}

export async function kpis(
  services: AppServices,
  input: AnalyticsFilters & { compareWithPrevious: boolean },
): Promise<KpisAnswer> {
  const range = checkRange(input.from, input.to);
  const previous = input.compareWithPrevious ? previousRange(range) : null;
  return fromRollupsOrTickets(
    services,
    input,
    (rollups) => kpisFromRollups(services, rollups.source, range, previous, rollups.pending),
    () => kpisFromTickets(services, input, range, previous),
  );
}

async function kpisFromTickets(
  services: AppServices,
  input: AnalyticsFilters,
  range: Range,
  previous: Range | null,
): Promise<KpisAnswer> {
  const loaded = await loadAnalytics(services, input, range, previous);
  const { prepared, filter, timezone } = loaded;
  const current = computeKpis(prepared, filter);
  const before = previous ? computeKpis(withPeriod(prepared, previous), filter) : null;
  const targets = await readAnalyticsTargets(services.store);
  const { byHour, byDay } = volumeByTime(prepared, timezone, filter);
  return {
    from: iso(range.from),
    to: iso(range.to),
    previous: previous ? { from: iso(previous.from), to: iso(previous.to) } : null,
    kpis: KPI_IDS.map((id) => {
      const value = current.values[id];
      const previousValue = before?.values[id] ?? null;
      return {
        id,
        unit: KPI_DEFINITIONS[id].unit,
        better: KPI_DEFINITIONS[id].better,
        value,
        previous: previousValue,
        change: value !== null && previousValue !== null ? value - previousValue : null,
        target: targets[id] ?? null,
      };
    }),
    handoffReasons: { current: current.handoffReasons, previous: before?.handoffReasons ?? null },
    ageing: current.ageing,
    volume: {
      byChannel: volumeBy(breakdown(prepared, 'volume', 'channel', filter)),
      byCategory: volumeBy(breakdown(prepared, 'volume', 'category', filter)),
      byTeam: volumeBy(breakdown(prepared, 'volume', 'team', filter)),
      byHour,
      byDay,
    },
    timezone,
    computedAt: services.clock.now().toISOString(),
    // Read from the tickets themselves: nothing waits.
    pendingChanges: 0,
  };
}

/**
 * The rollups as the source when the store keeps them (SQLite) and the changes
 * since the last refresh are folded in; null: answer from the tickets (Mongo,
 * or a backlog of changes too long to wait for, right after the upgrade).
 */
async function rollupsFor(
  services: AppServices,
  filters: AnalyticsFilters,
): Promise<{ source: KpiRollupSource; pending: number } | null> {
  if (!services.store.kpiRollups.enabled) return null;
  await checkFilters(services, filters);
  const pending = await catchUpKpiRollups(services);
  const source = rollupSource(services.store, {
    workspaceId: DEFAULT_WORKSPACE_ID,
    team: filters.team,
    channel: filters.channel,
    flowId: filters.flowId,
  });
  return { source, pending };
}

/**
 * From the rollups while at most ROLLUP_LAG_LIMIT changes wait (the dashboard
 * says how many); with more waiting (after an upgrade or a rebuild) from the
 * tickets, exact, unless the range holds too many tickets for that: then from
 * the rollups as far as they are, the answer counting what waits.
 */
async function fromRollupsOrTickets<T>(
  services: AppServices,
  filters: AnalyticsFilters,
  fromRollups: (rollups: { source: KpiRollupSource; pending: number }) => Promise<T>,
  fromTickets: () => Promise<T>,
): Promise<T> {
  const rollups = await rollupsFor(services, filters);
  if (!rollups) return fromTickets();
  if (rollups.pending <= ROLLUP_LAG_LIMIT) return fromRollups(rollups);
  try {
    return await fromTickets();
  } catch (error) {
    if (isAppError(error) && error.code === 'analytics_range_too_big') return fromRollups(rollups);
    throw error;
  }
}

async function kpisFromRollups(
  services: AppServices,
  source: KpiRollupSource,
  range: Range,
  previous: Range | null,
  pendingChanges: number,
): Promise<KpisAnswer> {
  const now = services.clock.now().getTime();
  const options = { now, timezone: DEFAULT_TIMEZONE };
  const [current, before, targets, byCategory] = await Promise.all([
    rollupKpis(source, range, options),
    previous ? rollupKpis(source, previous, options) : Promise.resolve(null),
    readAnalyticsTargets(services.store),
    rollupBreakdown(source, range, 'volume', 'category', options),
  ]);
  return {
    from: iso(range.from),
    to: iso(range.to),
    previous: previous ? { from: iso(previous.from), to: iso(previous.to) } : null,
    kpis: KPI_IDS.map((id) => {
      const value = current.report.values[id];
      const previousValue = before?.report.values[id] ?? null;
      return {
        id,
        unit: KPI_DEFINITIONS[id].unit,
        better: KPI_DEFINITIONS[id].better,
        value,
        previous: previousValue,
        change: value !== null && previousValue !== null ? value - previousValue : null,
        target: targets[id] ?? null,
      };
    }),
    handoffReasons: {
      current: current.report.handoffReasons,
      previous: before?.report.handoffReasons ?? null,
    },
    ageing: current.report.ageing,
    volume: {
      byChannel: current.byChannel,
      byCategory: volumeBy(byCategory),
      byTeam: current.byTeam,
      byHour: current.byHour,
      byDay: current.byDay,
    },
    timezone: DEFAULT_TIMEZONE,
    computedAt: services.clock.now().toISOString(),
    pendingChanges,
  };
}

export interface SeriesAnswer {
  kpi: KpiId;
  unit: KpiUnit;
  bucket: SeriesBucket;
  timezone: string;
  /** One point per local hour, day or week (Monday) of the range; the first and last may be partial. */
  points: SeriesPoint[];
}

function checkBuckets(range: Range, bucket: SeriesBucket, timezone: string): void {
  const count = bucketBounds(range, bucket, timezone).length;
  if (count > SERIES_MAX_POINTS) {
    throw new AppError('bad_request', 'analytics_too_many_buckets', {
      pointer: '/bucket',
      params: { count, max: SERIES_MAX_POINTS },
    });
  }
}

export async function series(
  services: AppServices,
  input: AnalyticsFilters & { kpi: KpiId; bucket: SeriesBucket },
): Promise<SeriesAnswer> {
  const range = checkRange(input.from, input.to);
  // Refuse before reading a year of tickets that could never be drawn.
  checkBuckets(range, input.bucket, DEFAULT_TIMEZONE);
  return fromRollupsOrTickets(
    services,
    input,
    async (rollups) => ({
      kpi: input.kpi,
      unit: KPI_DEFINITIONS[input.kpi].unit,
      bucket: input.bucket,
      timezone: DEFAULT_TIMEZONE,
      points: await rollupSeries(
        rollups.source,
        range,
        input.kpi,
        bucketBounds(range, input.bucket, DEFAULT_TIMEZONE),
        {
          now: services.clock.now().getTime(),
          timezone: DEFAULT_TIMEZONE,
          // Hours never hold a whole day: they are read from the fact rows (a range of at most 31 days).
          factsOnly: input.bucket === 'hour',
        },
      ),
    }),
    async () => {
      const { prepared, filter, timezone } = await loadAnalytics(services, input, range);
      return {
        kpi: input.kpi,
        unit: KPI_DEFINITIONS[input.kpi].unit,
        bucket: input.bucket,
        timezone,
        points: kpiSeries(prepared, input.kpi, input.bucket, timezone, filter),
      };
    },
  );
}

export interface BreakdownAnswer {
  kpi: KpiId;
  unit: KpiUnit;
  by: BreakdownKey;
  /** Largest sample first. `group` is the channel, category, team id or agent id (null: none); `name` the category's, team's or agent's name. */
  rows: Array<{ group: string | null; name: LocalizedText | null; value: number | null; sample: number }>;
}

async function groupNames(services: AppServices, by: BreakdownKey): Promise<Map<string, LocalizedText>> {
  if (by === 'team') {
    const teams = await services.store.teams.list(DEFAULT_WORKSPACE_ID);
    return new Map(teams.map((team) => [team.id, team.name]));
  }
  if (by === 'agent') {
    const agents = await services.store.agents.list({ workspaceId: DEFAULT_WORKSPACE_ID });
    return new Map(agents.map((agent) => [agent.id, { 'zh-CN': agent.name, en: agent.name }]));
  }
  if (by === 'category') {
    const categories = await classifyCategories(services);
    return new Map(categories.map((category) => [category.id, category.name]));
  }
  return new Map();
}

export async function kpiBreakdown(
  services: AppServices,
  input: AnalyticsFilters & { kpi: KpiId; by: BreakdownKey },
): Promise<BreakdownAnswer> {
  const range = checkRange(input.from, input.to);
  const names = await groupNames(services, input.by);
  const named = <T extends { group: string | null }>(rows: T[]) =>
    rows.map((row) => ({ ...row, name: row.group === null ? null : (names.get(row.group) ?? null) }));
  const answer = (rows: Array<{ group: string | null; value: number | null; sample: number }>) => ({
    kpi: input.kpi,
    unit: KPI_DEFINITIONS[input.kpi].unit,
    by: input.by,
    rows: named(rows),
  });
  return fromRollupsOrTickets(
    services,
    input,
    async (rollups) => {
      const options = { now: services.clock.now().getTime(), timezone: DEFAULT_TIMEZONE };
      return answer(await rollupBreakdown(rollups.source, range, input.kpi, input.by, options));
    },
    async () => {
      const { prepared, filter } = await loadAnalytics(services, input, range);
      return answer(breakdown(prepared, input.kpi, input.by, filter));
    },
  );
}

export interface DrillDownTicket {
  id: string;
  number: string;
  title: string;
  channel: string;
  category: string | null;
  team: string | null;
  assignee: string | null;
  status: string;
  createdAt: string;
  resolvedAt: string | null;
  /** Counted in the KPI's numerator (automated, handed over, reopened, satisfied…). */
  counted: boolean;
}

export interface DrillDownAnswer {
  kpi: KpiId;
  /** How many tickets stand behind the number; `tickets` holds the first `limit`, oldest first. */
  total: number;
  tickets: DrillDownTicket[];
}

export async function kpiDrillDown(
  services: AppServices,
  input: AnalyticsFilters & {
    kpi: KpiId;
    group?: { by: BreakdownKey; value: string | null } | undefined;
    limit: number;
  },
): Promise<DrillDownAnswer> {
  const range = checkRange(input.from, input.to);
  const { prepared, filter } = await loadAnalytics(services, input, range);
  const { group } = input;
  const rows = drillDown(
    prepared,
    input.kpi,
    (ticket) => (!filter || filter(ticket)) && (!group || groupOf(ticket, group.by) === group.value),
  );
  const byId = new Map(prepared.dataset.tickets.map((ticket) => [ticket.id, ticket]));
  return {
    kpi: input.kpi,
    total: rows.length,
    tickets: rows.slice(0, input.limit).map(({ ticket, counted }) => {
      const full = byId.get(ticket.id) as (typeof prepared.dataset.tickets)[number] & { title?: string };
      return {
        id: ticket.id,
        number: ticket.number,
        title: full.title ?? '',
        channel: ticket.channel,
        category: ticket.category,
        team: ticket.team,
        assignee: ticket.assignee,
        status: ticket.status,
        createdAt: ticket.createdAt,
        resolvedAt: ticket.resolvedAt,
        counted,
      };
    }),
  };
}
