import { DEFAULT_TIMEZONE } from '@flowdesk/desk';
import { addLocalDays, localToInstant } from '@flowdesk/engine';
import type { FlowGraph } from '@flowdesk/model';
import type { Store } from '@flowdesk/store';
import { z } from 'zod';
import { loadFlow } from '../flows/flow-documents.ts';
import { AppError } from '../http/app-error.ts';
import { VersionNumber } from '../trpc/inputs.ts';
import { compareVersions, type VersionComparison } from './flow-compare.ts';
import { type VersionOverlay, versionOverlay } from './flow-overlay.ts';

/** The longest range the overlay reads: the rollups keep a row per day. */
export const FLOW_ANALYTICS_MAX_DAYS = 366;

const Day = z.iso.date();

const RangeInput = z.strictObject({
  flowId: z.string().min(1).max(200),
  /** First day, inclusive: the workspace's local day of the execution's start (the KPIs' days). */
  from: Day,
  /** Last day, inclusive. */
  to: Day,
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

/** Local midnight of a YYYY-MM-DD day in the zone, `days` later, as an ISO instant. */
function midnight(day: string, days: number, timezone: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const local = addLocalDays({ year, month, day: date }, days);
  return new Date(localToInstant({ ...local, hour: 0, minute: 0 }, timezone)).toISOString();
}

async function readOverlay(store: Store, input: OverlayInput): Promise<VersionOverlay> {
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

export async function flowOverlay(store: Store, input: OverlayInput): Promise<OverlayAnswer> {
  checkRange(input.from, input.to);
  await loadFlow(store, input.flowId);
  const overlay = await readOverlay(store, input);
  return { flowId: input.flowId, from: input.from, to: input.to, timezone: DEFAULT_TIMEZONE, overlay };
}

export async function flowCompare(store: Store, input: CompareInput): Promise<CompareAnswer> {
  checkRange(input.from, input.to);
  await loadFlow(store, input.flowId);
  const [a, b] = await Promise.all([
    readOverlay(store, { ...input, version: input.a }),
    readOverlay(store, { ...input, version: input.b }),
  ]);
  const comparison = compareVersions(a, b);
  return {
    flowId: input.flowId,
    from: input.from,
    to: input.to,
    timezone: DEFAULT_TIMEZONE,
    a,
    b,
    comparison,
  };
}
