/**
 * The KPIs the dashboard shows as tiles, in reading order, and their names
 * (`dashboard.kpi.<id>`). The ids are the server's (`KPI_IDS` in
 * packages/desk/src/analytics/kpi-definitions.ts); the business-hours variants
 * and the backlog's age are left to the reports.
 */
export const TILE_KPIS = [
  'volume',
  'automated_resolution_rate',
  'handoff_rate',
  'first_response_p50',
  'first_response_p90',
  'resolution_p50',
  'resolution_p90',
  'aht',
  'fcr_rate',
  'reopen_rate',
  'csat_share',
  'csat_mean',
  'nps',
  'sla_attainment',
  'sla_breaches',
  'backlog',
] as const;
export type TileKpi = (typeof TILE_KPIS)[number];

export const isTileKpi = (value: string | null): value is TileKpi =>
  value !== null && (TILE_KPIS as readonly string[]).includes(value);

/** The locale key of a KPI's name (kpi-labels.test.ts checks both catalogs have each). */
export const kpiLabelKey = (id: TileKpi): string => `dashboard.kpi.${id}`;
