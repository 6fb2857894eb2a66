/**
 * The KPIs the dashboard shows as tiles, in reading order, and their names
 * (`dashboard.kpi.<id>`). The ids are the server's (`KPI_IDS` in
 * packages/desk/src/analytics/kpi-definitions.ts); response and resolution
 * times come in calendar hours or, when asked, in the teams' business hours;
 * the backlog's age is left to the reports.
 */
const CALENDAR_TILE_KPIS = [
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

/** The same times counted only within the team's business hours (its calendar). */
export const BUSINESS_HOURS_KPIS = {
  first_response_p50: 'first_response_business_p50',
  first_response_p90: 'first_response_business_p90',
  resolution_p50: 'resolution_business_p50',
  resolution_p90: 'resolution_business_p90',
} as const;

/** Every KPI the dashboard names: the tiles in calendar hours, then the business-hours times. */
export const TILE_KPIS = [...CALENDAR_TILE_KPIS, ...Object.values(BUSINESS_HOURS_KPIS)] as const;
export type TileKpi = (typeof TILE_KPIS)[number];

export const isTileKpi = (value: string | null): value is TileKpi =>
  value !== null && (TILE_KPIS as readonly string[]).includes(value);

/** The tiles in reading order, with the four times in business hours when asked. */
export function tileKpis(businessHours: boolean): TileKpi[] {
  return CALENDAR_TILE_KPIS.map((id) =>
    businessHours && id in BUSINESS_HOURS_KPIS
      ? BUSINESS_HOURS_KPIS[id as keyof typeof BUSINESS_HOURS_KPIS]
      : id,
  );
}

/** The locale key of a KPI's name (kpi-labels.test.ts checks both catalogs have each). */
export const kpiLabelKey = (id: TileKpi): string => `dashboard.kpi.${id}`;
