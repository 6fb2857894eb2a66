import { type AnalyticsRepository, analyticsLimit } from '../port/analytics.types.ts';
import type { JsonValue } from '../port/json.types.ts';
import type { TicketHistoryEntry } from '../port/ticket.types.ts';
import { normalizeIso } from '../shared/time.ts';
import type { SqliteContext } from './sqlite-context.ts';
import { type TicketRow, toTicket } from './sqlite-ticket-row.ts';

/** SQLite allows 32,766 parameters; history is read in chunks well below that. */
const ID_CHUNK = 500;

interface HistoryRow {
  ticket_id: string;
  at: string;
  actor_kind: string;
  actor_id: string;
  field: string;
  from_value: string;
  to_value: string;
  note: string | null;
}

export function createSqliteAnalyticsRepository(ctx: SqliteContext): AnalyticsRepository {
  const { statement, run } = ctx;
  return {
    ticketsForPeriod(query) {
      return run(() => {
        // Two index walks joined by id (changed since `from`: tickets_by_updated; open: tickets_open_workload).
        const rows = statement(
          `SELECT * FROM tickets WHERE id IN (
             SELECT id FROM tickets WHERE workspace_id = ? AND updated_at >= ? AND created_at < ?
             UNION
             SELECT id FROM tickets WHERE workspace_id = ? AND status NOT IN ('resolved', 'closed') AND created_at < ?
           )
           ORDER BY created_at, id LIMIT ?`,
        ).all(
          query.workspaceId,
          normalizeIso(query.from),
          normalizeIso(query.to),
          query.workspaceId,
          normalizeIso(query.to),
          analyticsLimit(query.limit) + 1,
        ) as TicketRow[];
        return rows.map(toTicket);
      });
    },
    historyOfTickets(ticketIds) {
      return run(() => {
        const entries: TicketHistoryEntry[] = [];
        for (let start = 0; start < ticketIds.length; start += ID_CHUNK) {
          const chunk = ticketIds.slice(start, start + ID_CHUNK);
          const marks = chunk.map(() => '?').join(', ');
          const rows = statement(
            `SELECT * FROM ticket_history WHERE ticket_id IN (${marks}) ORDER BY ticket_id, seq`,
          ).all(...chunk) as HistoryRow[];
          for (const row of rows) {
            entries.push({
              ticketId: row.ticket_id,
              at: row.at,
              actor: { kind: row.actor_kind as TicketHistoryEntry['actor']['kind'], id: row.actor_id },
              field: row.field,
              from: JSON.parse(row.from_value) as JsonValue,
              to: JSON.parse(row.to_value) as JsonValue,
              note: row.note,
            });
          }
        }
        return entries;
      });
    },
  };
}
