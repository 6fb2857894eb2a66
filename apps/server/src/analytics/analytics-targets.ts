import { KPI_DEFINITIONS, KPI_IDS, type KpiId, type KpiUnit } from '@flowdesk/desk';
import type { Store } from '@flowdesk/store';
import { z } from 'zod';

/**
 * The workspace's KPI targets (setting `analytics.targets`): a number per KPI
 * in the KPI's own unit (a ratio as 0–1, a duration in milliseconds, CSAT 1–5,
 * NPS −100…100). KPIs without a target are absent.
 */
export const ANALYTICS_TARGETS_KEY = 'analytics.targets';

const RANGES: Record<KpiUnit, [number, number]> = {
  count: [0, 1e9],
  ratio: [0, 1],
  ms: [0, 366 * 86_400_000],
  score: [1, 5],
  nps: [-100, 100],
};

export const AnalyticsTargetsSchema = z.strictObject(
  Object.fromEntries(
    KPI_IDS.map((id) => {
      const [min, max] = RANGES[KPI_DEFINITIONS[id].unit];
      return [id, z.number().finite().min(min).max(max).optional()];
    }),
  ) as Record<KpiId, z.ZodOptional<z.ZodNumber>>,
);
export type AnalyticsTargets = Partial<Record<KpiId, number>>;

type SettingsRepos = Pick<Store, 'workspaceSettings'>;

/** A stored value that no longer parses (a KPI renamed, edited by hand) reads as no targets rather than failing the dashboard. */
export async function readAnalyticsTargets(repos: SettingsRepos): Promise<AnalyticsTargets> {
  const parsed = AnalyticsTargetsSchema.safeParse(await repos.workspaceSettings.get(ANALYTICS_TARGETS_KEY));
  return parsed.success ? stripUndefined(parsed.data) : {};
}

export async function writeAnalyticsTargets(
  repos: SettingsRepos,
  targets: AnalyticsTargets,
  now: Date,
): Promise<AnalyticsTargets> {
  const clean = stripUndefined(targets);
  await repos.workspaceSettings.set(ANALYTICS_TARGETS_KEY, clean, now.toISOString());
  return clean;
}

function stripUndefined(targets: AnalyticsTargets): AnalyticsTargets {
  return Object.fromEntries(Object.entries(targets).filter(([, value]) => value !== undefined));
}
