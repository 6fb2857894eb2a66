export { type HandoffStep, handoffReasonFromSteps } from './handoff-reason.ts';
export {
  AGEING_BUCKETS,
  type AgeingBucket,
  BREAKDOWN_KEYS,
  type BreakdownKey,
  type BreakdownRow,
  breakdown,
  computeKpis,
  type DrillDownRow,
  drillDown,
  groupOf,
  type KpiReport,
  kpiValue,
  type PreparedDataset,
  prepareDataset,
  sampleOf,
  type TicketFilter,
  volumeByTime,
  withPeriod,
} from './kpi-compute.ts';
export {
  FCR_WINDOW_MS,
  KPI_DEFINITIONS,
  KPI_IDS,
  type KpiDefinition,
  type KpiId,
  type KpiPopulation,
  type KpiUnit,
} from './kpi-definitions.ts';
export * from './kpi-records.ts';
export {
  bucketBounds,
  kpiSeries,
  SERIES_BUCKETS,
  type SeriesBucket,
  type SeriesPoint,
} from './kpi-series.ts';
