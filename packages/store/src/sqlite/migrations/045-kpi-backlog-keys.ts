import type { SqliteMigration } from '../migration.types.ts';

/**
 * The tiles' backlog and the day sums without detours (issue 14; BENCHMARKS.md, "Dashboard at
 * 1,000,000 tickets"). At a million tickets three reads of the tiles cost more than the rest:
 * - The backlog at an instant is the open intervals around it: end_at > at and start_at ≤ at.
 *   kpi_open_by_end walks every interval ending after the instant, which for an instant a year
 *   ago is every interval of the year (~1,000,000 index entries for a few hundred).
 *   kpi_open_by_start walks those starting before it instead; the store takes whichever side
 *   holds fewer (sqlite-kpi-rollup.repo.ts, backlogIndex).
 * - Each backlog ticket was then looked up in kpi_ticket_facts for its creation time and the
 *   filters (20,000 seeks, 69 ms now). The intervals now carry those (workspace, creation,
 *   team, channel, flow: none of them changes without the fold rewriting the ticket's
 *   intervals), and both indexes hold them, so the tiles' backlog is one index range.
 * - The day sums (created_n, backlog_delta) sit after the ~3 KB agg in kpi_rollup's rows, so
 *   reading them walked each row's overflow pages (32 ms for 638 rows). kpi_rollup_counts
 *   holds them beside the key.
 */
export const KPI_BACKLOG_KEYS_MIGRATION: SqliteMigration = {
  version: 45,
  name: 'kpi backlog and day sums from indexes',
  sql: `
    ALTER TABLE kpi_open_intervals ADD COLUMN workspace_id TEXT NOT NULL DEFAULT '';
    ALTER TABLE kpi_open_intervals ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE kpi_open_intervals ADD COLUMN team TEXT;
    ALTER TABLE kpi_open_intervals ADD COLUMN channel TEXT NOT NULL DEFAULT '';
    ALTER TABLE kpi_open_intervals ADD COLUMN flow_id TEXT;
    UPDATE kpi_open_intervals AS i
       SET workspace_id = f.workspace_id, created_at = f.created_at, team = f.team, channel = f.channel,
           flow_id = f.flow_id
      FROM kpi_ticket_facts f
     WHERE f.ticket_id = i.ticket_id;
    DROP INDEX kpi_open_by_end;
    CREATE INDEX kpi_open_by_end ON kpi_open_intervals
      (end_at, start_at, workspace_id, created_at, team, channel, flow_id);
    CREATE INDEX kpi_open_by_start ON kpi_open_intervals
      (start_at, end_at, workspace_id, created_at, team, channel, flow_id);
    CREATE INDEX kpi_rollup_counts ON kpi_rollup
      (workspace_id, grp, day, team, channel, flow_id, created_n, backlog_delta);`,
};
