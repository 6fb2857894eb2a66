import type { SqliteMigration } from '../migration.types.ts';

/**
 * The KPI dashboard's rollups (issue 14, performance; docs/kpis.md "Rollups").
 *
 * Written by a job, not by the intake: a ticket insert, update or delete, and
 * a survey answer, only mark the ticket in kpi_dirty (triggers below: one
 * small upsert in the change's own transaction, so no change is ever missed,
 * even by code paths that never heard of analytics). The server's rollup job
 * (apps/server/src/analytics/kpi-rollup-job.ts) then recomputes each marked
 * ticket with the KPI code itself (@flowdesk/desk ticketFacts, the team's
 * business calendar, the flow's hand-off reason) and moves its contributions
 * between the day rows; the dashboard runs it before answering, so it never
 * reads a stale row. Recomputing in SQL triggers would mean writing the KPI
 * formulas twice (business hours, FCR's second contact) and paying for them
 * on every intake write.
 *
 * - kpi_dirty: tickets to recompute; `seq` grows with every new change, so a
 *   change made while the job computes is not cleared with the older one.
 * - kpi_ticket_facts: one row per ticket, the KPI facts as JSON plus the
 *   columns the queries filter and order by.
 * - kpi_open_intervals: when each ticket was not resolved/closed (the backlog
 *   at any instant); end_at is 2^53 − 1 while open.
 * - kpi_rollup: per workspace, local day (Asia/Shanghai), team, channel and
 *   flow, and per category or agent (grp), the summed aggregates as JSON.
 *
 * Existing tickets are all marked here; the job (or `flowdesk analytics
 * rebuild`) computes them.
 */
export const KPI_ROLLUPS_MIGRATION: SqliteMigration = {
  version: 32,
  name: 'kpi rollups',
  sql: `
    CREATE TABLE kpi_dirty (
      ticket_id TEXT PRIMARY KEY,
      seq INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE kpi_ticket_facts (
      ticket_id TEXT PRIMARY KEY,
      workspace_id TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      resolved_at INTEGER,
      held_since INTEGER,
      team TEXT,
      channel TEXT NOT NULL,
      flow_id TEXT,
      category TEXT,
      agent TEXT,
      customer_id TEXT,
      data TEXT NOT NULL
    );
    CREATE INDEX kpi_facts_by_created ON kpi_ticket_facts (workspace_id, created_at);
    CREATE INDEX kpi_facts_by_resolved ON kpi_ticket_facts (workspace_id, resolved_at) WHERE resolved_at IS NOT NULL;
    CREATE INDEX kpi_facts_held ON kpi_ticket_facts (workspace_id, resolved_at) WHERE held_since IS NOT NULL;
    CREATE TABLE kpi_open_intervals (
      ticket_id TEXT NOT NULL,
      start_at INTEGER NOT NULL,
      end_at INTEGER NOT NULL,
      PRIMARY KEY (ticket_id, start_at)
    ) WITHOUT ROWID;
    CREATE INDEX kpi_open_by_end ON kpi_open_intervals (end_at, start_at);
    CREATE TABLE kpi_rollup (
      workspace_id TEXT NOT NULL,
      grp TEXT NOT NULL,
      day TEXT NOT NULL,
      team TEXT NOT NULL,
      channel TEXT NOT NULL,
      flow_id TEXT NOT NULL,
      grp_value TEXT NOT NULL,
      agg TEXT NOT NULL,
      PRIMARY KEY (workspace_id, grp, day, team, channel, flow_id, grp_value)
    ) WITHOUT ROWID;

    CREATE TRIGGER kpi_dirty_ticket_insert AFTER INSERT ON tickets BEGIN
      INSERT INTO kpi_dirty (ticket_id, seq) VALUES (NEW.id, 1)
        ON CONFLICT (ticket_id) DO UPDATE SET seq = seq + 1;
    END;
    CREATE TRIGGER kpi_dirty_ticket_update AFTER UPDATE ON tickets BEGIN
      INSERT INTO kpi_dirty (ticket_id, seq) VALUES (NEW.id, 1)
        ON CONFLICT (ticket_id) DO UPDATE SET seq = seq + 1;
    END;
    CREATE TRIGGER kpi_dirty_ticket_delete AFTER DELETE ON tickets BEGIN
      INSERT INTO kpi_dirty (ticket_id, seq) VALUES (OLD.id, 1)
        ON CONFLICT (ticket_id) DO UPDATE SET seq = seq + 1;
    END;
    CREATE TRIGGER kpi_dirty_survey_answer AFTER UPDATE OF score ON surveys
    WHEN NEW.ticket_id IS NOT NULL BEGIN
      INSERT INTO kpi_dirty (ticket_id, seq) VALUES (NEW.ticket_id, 1)
        ON CONFLICT (ticket_id) DO UPDATE SET seq = seq + 1;
    END;
    CREATE TRIGGER kpi_dirty_survey_insert AFTER INSERT ON surveys
    WHEN NEW.ticket_id IS NOT NULL AND NEW.score IS NOT NULL BEGIN
      INSERT INTO kpi_dirty (ticket_id, seq) VALUES (NEW.ticket_id, 1)
        ON CONFLICT (ticket_id) DO UPDATE SET seq = seq + 1;
    END;

    INSERT INTO kpi_dirty (ticket_id, seq) SELECT id, 1 FROM tickets;`,
};
