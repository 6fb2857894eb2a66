import { CHANNELS, type Channel } from '@flowdesk/model';
import { type DayRange, dayOf, lastDays, rangeInstants } from '../surveys/survey-range.ts';

/**
 * The dashboard's filters, kept in the address so a manager can bookmark or
 * send a view, reload it, and come back to it from a ticket:
 * `?range=7d|30d|today|custom&from=YYYY-MM-DD&to=YYYY-MM-DD&team=…&channel=…&flow=…&hours=business`,
 * the charts' KPI, breakdown and table view (`kpi`, `by`, `view=table`), and the drill-down that is open
 * (`drill`, `dby`, `dgroup`, `dfrom`, `dto`).
 */

export const RANGE_PRESETS = ['today', '7d', '30d', 'custom'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export const BREAKDOWN_BY = ['channel', 'category', 'team', 'agent'] as const;
export type BreakdownBy = (typeof BREAKDOWN_BY)[number];

export interface DashboardFilters {
  readonly preset: RangePreset;
  /** Whole local days, the end day included (for `custom`; derived from today otherwise). */
  readonly days: DayRange;
  readonly team: string | undefined;
  readonly channel: Channel | undefined;
  readonly flowId: string | undefined;
  /** Response and resolution times within the teams' business hours instead of calendar hours. */
  readonly businessHours: boolean;
}

/** The tickets behind a number: a KPI, optionally one breakdown group or one series bucket. */
export interface DrillDownTarget {
  readonly kpi: string;
  readonly group?: { readonly by: BreakdownBy; readonly value: string | null } | undefined;
  /** A series bucket: a narrower range than the filters'. */
  readonly bucket?: { readonly from: string; readonly to: string } | undefined;
}

const PRESET_DAYS: Record<Exclude<RangePreset, 'custom'>, number> = { today: 1, '7d': 7, '30d': 30 };
/** A breakdown group without a value (no category, unassigned) in the address. */
const NO_GROUP = '~none';

const isOneOf = <T extends string>(values: readonly T[], value: string | null): value is T =>
  value !== null && (values as readonly string[]).includes(value);
const isDay = (value: string | null): value is string => value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value);
const optional = (value: string | null) => (value ? value : undefined);

/** The filters an address asks for; anything unreadable falls back to the last 7 days, unfiltered. */
export function readFilters(params: URLSearchParams, today: Date): DashboardFilters {
  const asked = params.get('range');
  const preset: RangePreset = isOneOf(RANGE_PRESETS, asked) ? asked : '7d';
  const from = params.get('from');
  const to = params.get('to');
  const days =
    preset === 'custom'
      ? { from: isDay(from) ? from : dayOf(today), to: isDay(to) ? to : dayOf(today) }
      : lastDays(today, PRESET_DAYS[preset]);
  const channel = params.get('channel');
  return {
    preset,
    days,
    team: optional(params.get('team')),
    channel: isOneOf(CHANNELS.values, channel) ? channel : undefined,
    flowId: optional(params.get('flow')),
    businessHours: params.get('hours') === 'business',
  };
}

/** The address of a change of filters: the other parameters (charts) stay, an open drill-down closes. */
export function writeFilters(params: URLSearchParams, filters: DashboardFilters): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of ['range', 'from', 'to', 'team', 'channel', 'flow', 'hours']) next.delete(key);
  closeDrillDown(next);
  next.set('range', filters.preset);
  if (filters.preset === 'custom') {
    next.set('from', filters.days.from);
    next.set('to', filters.days.to);
  }
  if (filters.team) next.set('team', filters.team);
  if (filters.channel) next.set('channel', filters.channel);
  if (filters.flowId) next.set('flow', filters.flowId);
  if (filters.businessHours) next.set('hours', 'business');
  return next;
}

/** Moving to a preset keeps its days in view; custom starts from the days shown. */
export function withPreset(filters: DashboardFilters, preset: RangePreset, today: Date): DashboardFilters {
  return {
    ...filters,
    preset,
    days: preset === 'custom' ? filters.days : lastDays(today, PRESET_DAYS[preset]),
  };
}

/** What the analytics procedures take: instants (end exclusive) and the filters that are set. */
export function queryInput(filters: DashboardFilters) {
  const instants = rangeInstants(filters.days);
  if (!instants) return null;
  return {
    ...instants,
    ...(filters.team ? { team: filters.team } : {}),
    ...(filters.channel ? { channel: filters.channel } : {}),
    ...(filters.flowId ? { flowId: filters.flowId } : {}),
  };
}

/** The filters as every analytics procedure takes them. */
export type AnalyticsInput = NonNullable<ReturnType<typeof queryInput>>;

/** Points a series chart can show legibly and the server accepts (hours up to 31 days). */
export function seriesBucket(input: { from: string; to: string }): 'hour' | 'day' | 'week' {
  const days = (Date.parse(input.to) - Date.parse(input.from)) / 86_400_000;
  if (days <= 2) return 'hour';
  return days <= 92 ? 'day' : 'week';
}

export function readDrillDown(params: URLSearchParams): DrillDownTarget | null {
  const kpi = params.get('drill');
  if (!kpi) return null;
  const by = params.get('dby');
  const group = params.get('dgroup');
  const from = params.get('dfrom');
  const to = params.get('dto');
  return {
    kpi,
    group:
      isOneOf(BREAKDOWN_BY, by) && group !== null
        ? { by, value: group === NO_GROUP ? null : group }
        : undefined,
    bucket: from && to ? { from, to } : undefined,
  };
}

export function writeDrillDown(params: URLSearchParams, target: DrillDownTarget | null): URLSearchParams {
  const next = new URLSearchParams(params);
  closeDrillDown(next);
  if (!target) return next;
  next.set('drill', target.kpi);
  if (target.group) {
    next.set('dby', target.group.by);
    next.set('dgroup', target.group.value ?? NO_GROUP);
  }
  if (target.bucket) {
    next.set('dfrom', target.bucket.from);
    next.set('dto', target.bucket.to);
  }
  return next;
}

function closeDrillDown(params: URLSearchParams): void {
  for (const key of ['drill', 'dby', 'dgroup', 'dfrom', 'dto']) params.delete(key);
}
