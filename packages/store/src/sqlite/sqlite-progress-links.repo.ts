import type {
  ProgressLinkRevocation,
  ProgressLinkRevocationRepository,
} from '../port/progress-link.types.ts';
import { normalizeIso } from '../shared/time.ts';
import type { SqliteContext } from './sqlite-context.ts';

interface RevocationRow {
  ticket_id: string;
  revoked_before: string;
}

const toRevocation = (row: RevocationRow): ProgressLinkRevocation => ({
  ticketId: row.ticket_id,
  revokedBefore: row.revoked_before,
});

export function createSqliteProgressLinkRevocationRepository(
  ctx: SqliteContext,
): ProgressLinkRevocationRepository {
  const { statement, run } = ctx;
  const select = (ticketId: string) =>
    statement('SELECT * FROM progress_link_revocations WHERE ticket_id = ?').get(ticketId) as
      | RevocationRow
      | undefined;
  return {
    revoke(revocation) {
      return run(() => {
        // Normalised ISO text sorts in time order, so MAX keeps the later time.
        statement(
          `INSERT INTO progress_link_revocations (ticket_id, revoked_before) VALUES (?, ?)
           ON CONFLICT (ticket_id) DO UPDATE SET
             revoked_before = MAX(revoked_before, excluded.revoked_before)`,
        ).run(revocation.ticketId, normalizeIso(revocation.revokedBefore));
        return toRevocation(select(revocation.ticketId) as RevocationRow);
      });
    },
    get(ticketId) {
      return run(() => {
        const row = select(ticketId);
        return row ? toRevocation(row) : null;
      });
    },
  };
}
