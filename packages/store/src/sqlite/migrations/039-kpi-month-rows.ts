import type { SqliteMigration } from '../migration.types.ts';

/**
 * The KPI rollups at a million tickets (issue 14, performance; docs/kpis.md
 * "Rollups"): a year's tiles read 365 day rows per team, channel and flow,
 * each a JSON aggregate parsed and merged; a year's backlog series read the
 * open intervals once per week.
 *
 * - Month rows: kpi_rollup rows whose grp is 'month', 'month:category' or
 *   'month:agent' sum a local month's day rows (their `day` is the 1st).
 * - The day rows of grp '' carry the backlog's change per day (agg `o`), so
 *   the backlog at a midnight is one SUM over small rows.
 * - created_n and backlog_delta: the agg's c.n and o as columns (written with
 *   the agg, json_extract in the same statement), summed in SQL for the volume
 *   by day and the backlog without parsing any JSON.
 *
 * Every existing rollup row lacks both, so the rollups and fact rows are
 * emptied and every ticket is marked: the background refresh (or
 * `flowdesk analytics rebuild`) recomputes them, and the dashboard answers from
 * the tickets meanwhile while more than 20,000 wait, as after migration 032.
 */
export const KPI_MONTH_ROWS_MIGRATION: SqliteMigration = {
  version: 39,
  name: 'kpi month rows and numeric columns',
  sql: `
    ALTER TABLE kpi_rollup ADD COLUMN created_n INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE kpi_rollup ADD COLUMN backlog_delta INTEGER NOT NULL DEFAULT 0;
    DELETE FROM kpi_rollup;
    DELETE FROM kpi_ticket_facts;
    DELETE FROM kpi_open_intervals;
    INSERT INTO kpi_dirty (ticket_id, seq) SELECT id, 1 FROM tickets WHERE true
      ON CONFLICT (ticket_id) DO UPDATE SET seq = seq + 1;`,
};
