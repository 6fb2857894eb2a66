import { KPI_MARK_SQL, type SqliteStore } from '@flowdesk/store';

/**
 * Prices the tickets repository's KPI mark (migration 046): on one connection,
 * the mark's upsert is prepared as a statement that matches no row and writes
 * nothing, so a run without marks still pays for one statement call per write
 * and the difference is the mark's own work. Must run before the store first
 * writes a ticket (its statement cache prepares each text once); the returned
 * check, called after the writes, fails a run where the mark was prepared
 * before, which would otherwise price the marks at nothing.
 */
const NO_MARK_SQL = 'UPDATE kpi_dirty SET seq = seq WHERE ticket_id = ? AND 0';

export function turnKpiMarksOff(store: SqliteStore): { check(): void } {
  const db = store.database;
  const prepare = db.prepare.bind(db);
  let replaced = false;
  db.prepare = ((sql: string) => {
    if (sql !== KPI_MARK_SQL) return prepare(sql);
    replaced = true;
    return prepare(NO_MARK_SQL);
  }) as typeof db.prepare;
  return {
    check() {
      if (!replaced)
        throw new Error('the KPI mark was prepared before turnKpiMarksOff: this run still marked');
    },
  };
}
