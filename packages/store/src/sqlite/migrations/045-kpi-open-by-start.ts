import type { SqliteMigration } from '../migration.types.ts';

/**
 * The backlog at an instant is the open intervals around it: end_at > at and start_at ≤ at.
 * kpi_open_by_end (end_at, start_at) walks every interval ending after the instant, which is
 * every interval of the year for an instant a year ago: the tiles' previous period of a
 * 365-day range read ~1,000,000 index entries at a million tickets to find a few hundred.
 * kpi_open_by_start walks those starting before it instead; the store takes whichever side
 * of the instant holds fewer intervals (sqlite-kpi-rollup.repo.ts, backlogIndex).
 */
export const KPI_OPEN_BY_START_MIGRATION: SqliteMigration = {
  version: 45,
  name: 'kpi open intervals by start',
  sql: `
    CREATE INDEX kpi_open_by_start ON kpi_open_intervals (start_at, end_at);`,
};
