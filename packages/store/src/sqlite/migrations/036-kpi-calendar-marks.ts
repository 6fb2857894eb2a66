import type { SqliteMigration } from '../migration.types.ts';

/**
 * A team's business calendar (opening hours, holidays, make-up workdays)
 * changes the business-hours KPIs of every ticket of that team (docs/kpis.md
 * "Business time": first response and resolution in business hours are
 * measured over the ticket's team calendar). Migration 032's triggers mark a
 * ticket only when the ticket or its survey changes, so its rollups kept the
 * old calendar until a manual `flowdesk analytics rebuild`.
 *
 * This trigger marks the team's tickets in kpi_dirty in the calendar change's
 * own transaction (a team saved with the same calendar, or renamed, marks
 * nothing); the background refresh folds them in (kpi-rollup-schedule.ts) and
 * the dashboard answers from the tickets while more than 20,000 wait. The
 * walk uses tickets_queue (team, ...).
 *
 * An SLA policy's calendar is not watched: no KPI reads it (SLA attainment and
 * breaches come from the ticket's own SLA state, written when its clock ran),
 * so marking its tickets would recompute them to the same numbers.
 */
export const KPI_CALENDAR_MARKS_MIGRATION: SqliteMigration = {
  version: 36,
  name: 'kpi marks on a team calendar change',
  sql: `
    CREATE TRIGGER kpi_dirty_team_calendar AFTER UPDATE OF calendar ON teams
    WHEN OLD.calendar IS NOT NEW.calendar BEGIN
      INSERT INTO kpi_dirty (ticket_id, seq) SELECT id, 1 FROM tickets WHERE team = NEW.id
        ON CONFLICT (ticket_id) DO UPDATE SET seq = seq + 1;
    END;`,
};
