import type { SqliteMigration } from '../migration.types.ts';

/**
 * The KPI marks of a ticket's insert and update move from triggers (migration
 * 032) into the tickets repository (sqlite-tickets.repo.ts, KPI_MARK_SQL), which
 * writes the mark beside the row in the same transaction. Why: any trigger on a
 * table makes SQLite give each INSERT or UPDATE of it a statement savepoint,
 * and a savepoint copies every page the statement touches (the ticket row and
 * its thirteen indexes) into the statement journal. The intake writes its
 * ticket twice, so the two triggers cost about 24 µs of CPU per intake with the
 * journal in memory and several times that with it in a temporary file; the
 * same upsert from the repository costs a few µs (BENCHMARKS.md, "What keeping
 * the rollups current costs intake"). The repository is the only writer of
 * ticket rows (create, update, moveCustomer); a migration that rewrites ticket
 * rows marks them itself, as 039 does. IF EXISTS: a benchmark that dropped the
 * triggers and crashed before restoring them must not keep the file from opening.
 *
 * Kept as triggers, off the intake path: a ticket's delete (no code deletes
 * tickets; a hand-run DELETE still reaches the rollups), a survey answer, and a
 * team's calendar change (036).
 *
 * Upgrading: a process of an older version still running on the same file after
 * this migration writes tickets with neither a trigger nor a mark, so stop every
 * process (servers and `flowdesk worker`s) before starting the new version; if an
 * older one did run afterwards, `flowdesk analytics rebuild` recomputes everything
 * (docs/operations.md, "Upgrading").
 */
export const KPI_MARKS_FROM_REPOSITORY_MIGRATION: SqliteMigration = {
  version: 46,
  name: 'kpi marks of ticket writes from the repository',
  sql: `
    DROP TRIGGER IF EXISTS kpi_dirty_ticket_insert;
    DROP TRIGGER IF EXISTS kpi_dirty_ticket_update;`,
};
