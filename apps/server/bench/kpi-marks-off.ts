import { KPI_MARK_SQL, type SqliteStore } from '@flowdesk/store';

/**
 * Prices the tickets repository's KPI mark (migration 046): on one connection,
 * the mark's upsert is prepared as a statement that matches no row and writes
 * nothing, so a run without marks still pays for one statement call per write
 * and the difference is the mark's own work. Must run before the store first
 * writes a ticket (its statement cache prepares each text once).
 */
const NO_MARK_SQL = 'UPDATE kpi_dirty SET seq = seq WHERE ticket_id = ? AND 0';

export function turnKpiMarksOff(store: SqliteStore): void {
  const db = store.database;
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => prepare(sql === KPI_MARK_SQL ? NO_MARK_SQL : sql)) as typeof db.prepare;
}
