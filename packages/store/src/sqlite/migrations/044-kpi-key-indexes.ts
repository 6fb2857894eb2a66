import type { SqliteMigration } from '../migration.types.ts';

/**
 * The dashboard's tiles at a million tickets (issue 14; BENCHMARKS.md, "Dashboard at
 * 1,000,000 tickets"). Two reads there took fact rows only for their keys: the young
 * resolutions (FCR) and the backlog's open tickets, tens of thousands of rows, each
 * looked up in the table and its JSON parsed by json_extract for fcrOk. fcr_ok is now
 * a column (written with the row, filled here from the JSON), and two indexes hold the
 * keys, so both reads are index-only:
 * - kpi_facts_resolved_keys replaces kpi_facts_by_resolved (same leading columns and
 *   condition, so the resolved fact reads keep their plan);
 * - kpi_facts_keys serves the backlog's join from the open intervals by ticket id.
 * The unticketed survey answers of a range were read by scanning every answer in it
 * (60 ms for none at 150,000 tickets); surveys_unticketed holds only those, rare, so each
 * is then read from the table.
 */
export const KPI_KEY_INDEXES_MIGRATION: SqliteMigration = {
  version: 44,
  name: 'kpi fact keys read from indexes',
  sql: `
    ALTER TABLE kpi_ticket_facts ADD COLUMN fcr_ok INTEGER;
    UPDATE kpi_ticket_facts SET fcr_ok = json_extract(data, '$.fcrOk');
    DROP INDEX kpi_facts_by_resolved;
    CREATE INDEX kpi_facts_resolved_keys ON kpi_ticket_facts
      (workspace_id, resolved_at, team, channel, flow_id, category, agent, created_at, fcr_ok)
      WHERE resolved_at IS NOT NULL;
    CREATE INDEX kpi_facts_keys ON kpi_ticket_facts
      (ticket_id, workspace_id, created_at, team, channel, flow_id, category, agent, resolved_at, fcr_ok);
    CREATE INDEX surveys_unticketed ON surveys (workspace_id, answered_at)
      WHERE answered_at IS NOT NULL AND score IS NOT NULL AND ticket_id IS NULL;`,
};
