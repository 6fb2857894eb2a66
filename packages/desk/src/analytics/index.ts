export {
  type AnomalyFinding,
  detectAnomalies,
  MAD_SCALE,
  median,
  robustScore,
} from './anomaly-detector.ts';
export {
  ALL_TICKETS_KEY,
  ANOMALY_SERIES_KINDS,
  type AnomalySeriesKind,
  baselineHours,
  type CreatedTicketSignal,
  type DueTicketSignal,
  HOUR_MS,
  type HourSeries,
  type HourTickets,
  hourSeries,
  hourStart,
  lastCompleteHour,
  WEEK_MS,
} from './anomaly-series.ts';
export {
  ANOMALY_SETTINGS_KEY,
  type AnomalySettings,
  AnomalySettingsSchema,
  DEFAULT_ANOMALY_SETTINGS,
  readAnomalySettings,
} from './anomaly-settings.ts';
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
export {
  emptyHist,
  HIST_EXACT_MAX,
  HIST_RELATIVE_ERROR,
  HIST_STEPS_PER_DOUBLING,
  type Hist,
  histPercentile,
} from './kpi-histogram.ts';
export * from './kpi-records.ts';
export {
  applyRollupDelta,
  type KpiAgg,
  type KpiFactInput,
  type KpiFactRow,
  kpiFactRow,
  localDay,
  ROLLUP_GROUPS,
  type RollupDelta,
  type RollupGroup,
  type RollupKey,
  type RollupRow,
  type RollupUnit,
  rollupDeltas,
} from './kpi-rollup.ts';
export {
  type KpiFactKeys,
  type KpiRollupSource,
  rollupBreakdown,
  rollupKpis,
  rollupSeries,
  wholeDays,
} from './kpi-rollup-query.ts';
export {
  bucketBounds,
  kpiSeries,
  SERIES_BUCKETS,
  type SeriesBucket,
  type SeriesPoint,
} from './kpi-series.ts';
export { handedOff, resolvedAutomatically, type TicketFacts, ticketFacts } from './ticket-facts.ts';
