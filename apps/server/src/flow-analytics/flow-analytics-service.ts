import { DEFAULT_TIMEZONE } from '@flowdesk/desk';
import { addLocalDays, formatLocalDate, localParts, localToInstant } from '@flowdesk/engine';
import type { FlowGraph } from '@flowdesk/model';
import type { Store } from '@flowdesk/store';
import { z } from 'zod';
import { loadFlow } from '../flows/flow-documents.ts';
import { AppError } from '../http/app-error.ts';
import { VersionNumber } from '../trpc/inputs.ts';
import { compareVersions, type VersionComparison } from './flow-compare.ts';
import { type VersionOverlay, versionOverlay } from './flow-overlay.ts';

/** The longest range the overlay reads. */
export const FLOW_ANALYTICS_MAX_DAYS = 366;
/** The range when none is asked for: the last 30 days of the workspace, today included. */
export const FLOW_ANALYTICS_DEFAULT_DAYS = 30;

const Day = z.iso.date();

const RangeInput = z.strictObject({
  flowId: z.string().min(1).max(200),
  /**
   * First day, inclusive: the workspace's local day of the execution's start (the KPIs' days).
   * Left out: 29 days before the last.
   */
  from: Day.optional(),
  /** Last day, inclusive. Left out: today in the workspace's time zone (a browser elsewhere may be a day off). */
  to: Day.optional(),
});

export const OverlayInputSchema = RangeInput.extend({ version: VersionNumber });
export const CompareInputSchema = RangeInput.extend({ a: VersionNumber, b: VersionNumber });
export type OverlayInput = z.infer<typeof OverlayInputSchema>;
export type CompareInput = z.infer<typeof CompareInputSchema>;

export interface OverlayAnswer {
  flowId: string;
  from: string;
  to: string;
  /** The zone whose days from and to are. */
  timezone: string;
  overlay: VersionOverlay;
}

export interface CompareAnswer {
  flowId: string;
  from: string;
  to: string;
  timezone: string;
  a: VersionOverlay;
  b: VersionOverlay;
  comparison: VersionComparison;
}

function checkRange(from: string, to: string): void {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  if (days < 1) throw new AppError('bad_request', 'flow_analytics_range_reversed', { params: { from, to } });
  if (days > FLOW_ANALYTICS_MAX_DAYS) {
    throw new AppError('bad_request', 'flow_analytics_range_too_long', {
      params: { days: FLOW_ANALYTICS_MAX_DAYS },
    });
  }
}

async function publishedGraph(store: Store, flowId: string, version: number): Promise<FlowGraph> {
  const found = await store.versions.get(flowId, version);
  if (!found) throw new AppError('not_found', 'version_not_found', { params: { version } });
  return found.graph;
}

interface DayRange {
  from: string;
  to: string;
}

function dayParts(day: string): { year: number; month: number; day: number } {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return { year, month, day: date };
}

/** The asked days, the missing ones filled in from today in the workspace's zone. */
function resolveDays(input: { from?: string | undefined; to?: string | undefined }, now: Date): DayRange {
  const to = input.to ?? formatLocalDate(localParts(now.getTime(), DEFAULT_TIMEZONE));
  const from = input.from ?? formatLocalDate(addLocalDays(dayParts(to), -(FLOW_ANALYTICS_DEFAULT_DAYS - 1)));
  return { from, to };
}

/** Local midnight of a YYYY-MM-DD day in the zone, `days` later, as an ISO instant. */
function midnight(day: string, days: number, timezone: string): string {
  const local = addLocalDays(dayParts(day), days);
  return new Date(localToInstant({ ...local, hour: 0, minute: 0 }, timezone)).toISOString();
}

async function readOverlay(
  store: Store,
  input: { flowId: string; version: number } & DayRange,
): Promise<VersionOverlay> {
  const graph = await publishedGraph(store, input.flowId, input.version);
  // The days are the workspace's, as the dashboard's KPIs count them (a 17:30Z start is the next day in Shanghai).
  const rollup = await store.flowAnalytics.rollup({
    flowId: input.flowId,
    version: input.version,
    from: midnight(input.from, 0, DEFAULT_TIMEZONE),
    to: midnight(input.to, 1, DEFAULT_TIMEZONE),
  });
  return versionOverlay(input.version, graph, rollup);
}

/** `now` fills in the days left out (see RangeInput); the answer says which days it read. */
export async function flowOverlay(store: Store, input: OverlayInput, now: Date): Promise<OverlayAnswer> {
  const days = resolveDays(input, now);
  checkRange(days.from, days.to);
  await loadFlow(store, input.flowId);
  const overlay = await readOverlay(store, { flowId: input.flowId, version: input.version, ...days });
  return { flowId: input.flowId, ...days, timezone: DEFAULT_TIMEZONE, overlay };
}

export async function flowCompare(store: Store, input: CompareInput, now: Date): Promise<CompareAnswer> {
  const days = resolveDays(input, now);
  checkRange(days.from, days.to);
  await loadFlow(store, input.flowId);
  const [a, b] = await Promise.all([
    readOverlay(store, { flowId: input.flowId, version: input.a, ...days }),
    readOverlay(store, { flowId: input.flowId, version: input.b, ...days }),
  ]);
  const comparison = compareVersions(a, b);
  return { flowId: input.flowId, ...days, timezone: DEFAULT_TIMEZONE, a, b, comparison };
}
