import type { ClassifierCorrection, ClassifierCorrectionRepository } from '../port/classifier.types.ts';
import { normalizeIso } from '../shared/time.ts';
import { type SqliteContext, translateConstraint } from './sqlite-context.ts';

interface CorrectionRow {
  id: string;
  workspace_id: string;
  text: string;
  from_label: string | null;
  to_label: string;
  ticket_id: string | null;
  by_user: string;
  at: string;
}

const toCorrection = (row: CorrectionRow): ClassifierCorrection => ({
  id: row.id,
  workspaceId: row.workspace_id,
  text: row.text,
  fromLabel: row.from_label,
  toLabel: row.to_label,
  ticketId: row.ticket_id,
  by: row.by_user,
  at: row.at,
});

export function createSqliteClassifierCorrectionRepository(
  ctx: SqliteContext,
): ClassifierCorrectionRepository {
  const { statement, run } = ctx;
  return {
    add(correction) {
      return run(() => {
        const stored = { ...correction, at: normalizeIso(correction.at) };
        try {
          statement(
            `INSERT INTO classifier_corrections (id, workspace_id, text, from_label, to_label, ticket_id, by_user, at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(
            stored.id,
            stored.workspaceId,
            stored.text,
            stored.fromLabel,
            stored.toLabel,
            stored.ticketId,
            stored.by,
            stored.at,
          );
        } catch (error) {
          translateConstraint(error, `Classifier correction ${correction.id}`);
        }
        return stored;
      });
    },
    list(workspaceId, since) {
      return run(() =>
        (
          statement(
            'SELECT * FROM classifier_corrections WHERE workspace_id = ? AND at >= ? ORDER BY at, id',
          ).all(workspaceId, since ? normalizeIso(since) : '') as CorrectionRow[]
        ).map(toCorrection),
      );
    },
    // Corrections are few (people make them); the workspace's index is walked and ticket_id matched.
    listForTickets(workspaceId, ticketIds) {
      return run(() =>
        ticketIds.length === 0
          ? []
          : (
              statement(
                `SELECT * FROM classifier_corrections
                 WHERE workspace_id = ? AND ticket_id IN (SELECT value FROM json_each(?)) ORDER BY at, id`,
              ).all(workspaceId, JSON.stringify([...new Set(ticketIds)])) as CorrectionRow[]
            ).map(toCorrection),
      );
    },
    count(workspaceId) {
      return run(
        () =>
          (
            statement('SELECT COUNT(*) AS n FROM classifier_corrections WHERE workspace_id = ?').get(
              workspaceId,
            ) as { n: number }
          ).n,
      );
    },
  };
}
