import type { JsonValue } from '../port/json.types.ts';
import type {
  Ticket,
  TicketHistoryEntry,
  TicketHistoryRepository,
  TicketNote,
  TicketNoteRepository,
  TicketQuery,
  TicketRepository,
  TicketWorkloadRow,
} from '../port/ticket.types.ts';
import { jobListSize } from '../shared/page-size.ts';
import { normalizeIso } from '../shared/time.ts';
import {
  insertRows,
  parseJson,
  readThenWrite,
  type SqliteContext,
  translateConstraint,
} from './sqlite-context.ts';
import {
  normalizeTicketTimes,
  TICKET_COLUMNS,
  type TicketRow,
  toTicket,
  toTicketRow,
} from './sqlite-ticket-row.ts';

const COLUMNS = TICKET_COLUMNS;
const INSERT_SQL = `INSERT INTO tickets (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`;
/** One statement text per set of changed columns; the statement cache keeps each prepared once. */
function updateSql(columns: readonly string[]): string {
  return `UPDATE tickets SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`;
}

/**
 * Marks a ticket for the KPI rollup job (migration 032's kpi_dirty) with each
 * write of its row, in the write's transaction, so the job (which drops a mark
 * only if its seq has not moved since it read the ticket) sees the change and
 * its mark together or neither. Migration 046 says why this is here and no
 * longer a trigger on tickets; this repository is the only writer of ticket rows.
 */
export const KPI_MARK_SQL = `INSERT INTO kpi_dirty (ticket_id, seq) VALUES (?, 1)
  ON CONFLICT (ticket_id) DO UPDATE SET seq = seq + 1`;
/** moveCustomer's tickets, marked before the move while they still name the old customer. */
const MARK_CUSTOMER_SQL = `INSERT INTO kpi_dirty (ticket_id, seq) SELECT id, 1 FROM tickets WHERE customer_id = ? AND true
  ON CONFLICT (ticket_id) DO UPDATE SET seq = seq + 1`;

/** listOverdue's rule as an expression over one open ticket row, with @now. */
const OVERDUE_SQL = `(paused_at IS NULL AND (resolution_due_at <= @now
  OR (first_responded_at IS NULL AND first_response_due_at <= @now)))`;

interface WorkloadRow {
  team: string | null;
  assignee: string | null;
  open: number;
  overdue: number;
  at_risk: number;
  oldest_created_at: string;
}

const QUEUE_ORDER = 'vip_level DESC, priority_rank, created_at, id';
const NEWEST_ORDER = 'created_at DESC, id DESC';
/** Walks tickets_by_updated (workspace_id, updated_at) backwards. */
const UPDATED_ORDER = 'updated_at DESC, id DESC';
const ORDERS = { queue: QUEUE_ORDER, newest: NEWEST_ORDER, updated: UPDATED_ORDER } as const;

function whereFor(query: TicketQuery): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (query.workspaceId !== undefined) {
    // With a team, assignee or customer the unary + keeps the planner off the workspace's
    // indexes: without statistics it took tickets_by_resolution_due (workspace_id, …) and
    // read every ticket of the workspace for an agent's queue (2 s at 96,000 tickets).
    const narrower =
      query.team !== undefined || query.assignee !== undefined || query.customerId !== undefined;
    clauses.push(narrower ? '+workspace_id = ?' : 'workspace_id = ?');
    params.push(query.workspaceId);
  }
  if (query.team !== undefined) {
    clauses.push('team = ?');
    params.push(query.team);
  }
  if (query.assignee === null) clauses.push('assignee IS NULL');
  else if (query.assignee !== undefined) {
    clauses.push('assignee = ?');
    params.push(query.assignee);
  }
  if (query.customerId !== undefined) {
    clauses.push('customer_id = ?');
    params.push(query.customerId);
  }
  if (query.tag !== undefined) {
    clauses.push('EXISTS (SELECT 1 FROM json_each(tickets.tags) WHERE value = ?)');
    params.push(query.tag);
  }
  if (query.status !== undefined) {
    const statuses = typeof query.status === 'string' ? [query.status] : [...query.status];
    clauses.push('status IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(statuses));
  }
  return { sql: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** A ticket list's statement and its parameters (exported for the plan tests of the migrations). */
export function listStatement(query: TicketQuery): { sql: string; params: unknown[] } {
  const where = whereFor(query);
  const order = ORDERS[query.order ?? 'newest'];
  return {
    sql: `SELECT * FROM tickets ${where.sql} ORDER BY ${order} LIMIT ?`,
    params: [...where.params, jobListSize(query.limit)],
  };
}

export function createSqliteTicketRepository(ctx: SqliteContext): TicketRepository {
  const { statement, run } = ctx;
  const one = (sql: string, ...params: unknown[]): Ticket | null => {
    const row = statement(sql).get(...params) as TicketRow | undefined;
    return row ? toTicket(row) : null;
  };
  // The row and its KPI mark: one transaction (the caller's, if it has one), the mark written first.
  const withMark = <T>(work: () => T): T => readThenWrite(ctx, work);
  // Within one unit of the group commit: the rows this unit created, read or updated, by id.
  // Only this repository writes ticket rows (moveCustomer forgets them all), and the unit holds
  // the write lock, so a kept row is the stored one. An intake read its new ticket twice more.
  const kept = ctx.unit ? new Map<string, TicketRow>() : null;
  const byId = (id: string): Ticket | null => {
    const cached = kept?.get(id);
    if (cached) return toTicket(cached);
    const row = statement('SELECT * FROM tickets WHERE id = ?').get(id) as TicketRow | undefined;
    if (!row) return null;
    kept?.set(id, row);
    return toTicket(row);
  };

  return {
    create(ticket) {
      return run(() =>
        withMark(() => {
          // Every column is given, so the row written is the row returned.
          const row = toTicketRow(normalizeTicketTimes(ticket, normalizeIso));
          // The mark first: inside a unit there is no savepoint between the two writes, so a
          // caller that caught a failure of the second could commit the first alone. A mark
          // without its row is harmless (the job finds no ticket and removes nothing); a row
          // without its mark would stay out of the dashboard.
          statement(KPI_MARK_SQL).run(row.id);
          try {
            statement(INSERT_SQL).run(row);
          } catch (error) {
            return translateConstraint(error, `Ticket ${ticket.id} (${ticket.number})`);
          }
          kept?.set(row.id, row);
          return toTicket(row);
        }),
      );
    },

    get(id) {
      return run(() => byId(id));
    },
    getByNumber(number) {
      return run(() => one('SELECT * FROM tickets WHERE number = ?', number));
    },
    getMany(ids) {
      return run(() =>
        ids.length === 0
          ? []
          : (
              statement('SELECT * FROM tickets WHERE id IN (SELECT value FROM json_each(?))').all(
                JSON.stringify([...new Set(ids)]),
              ) as TicketRow[]
            ).map(toTicket),
      );
    },
    findByCreatedKey(key) {
      return run(() => one('SELECT * FROM tickets WHERE created_by_key = ?', key));
    },

    update(id, patch) {
      return run(() =>
        readThenWrite(ctx, () => {
          const current = byId(id);
          if (!current) return null;
          const next = { ...current, ...normalizeTicketTimes(patch, normalizeIso), id };
          const before = toTicketRow(current) as unknown as Record<string, unknown>;
          const after = toTicketRow(next) as unknown as Record<string, unknown>;
          // Only the columns that change are set, so indexes on the others are left alone.
          const changed = COLUMNS.filter((column) => column !== 'id' && after[column] !== before[column]);
          if (changed.length === 0) return current;
          const params = Object.fromEntries([...changed, 'id'].map((column) => [column, after[column]]));
          statement(KPI_MARK_SQL).run(id);
          statement(updateSql(changed)).run(params);
          kept?.set(id, after as unknown as TicketRow);
          return toTicket(after as unknown as TicketRow);
        }),
      );
    },

    list(query = {}) {
      return run(() => {
        const list = listStatement(query);
        const rows = statement(list.sql).all(...list.params) as TicketRow[];
        return rows.map(toTicket);
      });
    },

    listOverdue(query) {
      return run(() => {
        const now = normalizeIso(query.now);
        const rows = statement(
          `SELECT * FROM tickets
           WHERE status NOT IN ('resolved', 'closed') AND paused_at IS NULL
             AND (? IS NULL OR workspace_id = ?)
             AND (resolution_due_at <= ? OR (first_responded_at IS NULL AND first_response_due_at <= ?))
           ORDER BY resolution_due_at, id LIMIT ?`,
        ).all(
          query.workspaceId ?? null,
          query.workspaceId ?? null,
          now,
          now,
          jobListSize(query.limit),
        ) as TicketRow[];
        return rows.map(toTicket);
      });
    },

    workload(query) {
      return run(() => {
        const now = normalizeIso(query.now);
        // The WHERE repeats the partial index's condition word for word, so SQLite
        // answers from tickets_open_workload (migration 027) without the table.
        const rows = statement(
          `SELECT team, assignee, COUNT(*) AS open,
             COUNT(CASE WHEN ${OVERDUE_SQL} THEN 1 END) AS overdue,
             COUNT(CASE WHEN ${OVERDUE_SQL} THEN NULL WHEN sla_state = 'warning' THEN 1 END) AS at_risk,
             MIN(created_at) AS oldest_created_at
           FROM tickets
           WHERE workspace_id = @workspaceId AND status NOT IN ('resolved', 'closed')
           GROUP BY team, assignee
           ORDER BY team, assignee`,
        ).all({ workspaceId: query.workspaceId, now }) as WorkloadRow[];
        return rows.map(
          (row): TicketWorkloadRow => ({
            team: row.team,
            assignee: row.assignee,
            open: row.open,
            overdue: row.overdue,
            atRisk: row.at_risk,
            oldestCreatedAt: row.oldest_created_at,
          }),
        );
      });
    },

    moveCustomer(fromCustomerId, intoCustomerId) {
      return run(() =>
        withMark(() => {
          kept?.clear();
          statement(MARK_CUSTOMER_SQL).run(fromCustomerId);
          return statement('UPDATE tickets SET customer_id = ? WHERE customer_id = ?').run(
            intoCustomerId,
            fromCustomerId,
          ).changes;
        }),
      );
    },
  };
}

const HISTORY_COLUMNS = [
  'ticket_id',
  'at',
  'actor_kind',
  'actor_id',
  'field',
  'from_value',
  'to_value',
  'note',
] as const;

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

export function createSqliteTicketHistoryRepository(ctx: SqliteContext): TicketHistoryRepository {
  const { statement, run } = ctx;
  return {
    append(entries) {
      return run(() =>
        insertRows(
          ctx,
          'ticket_history',
          HISTORY_COLUMNS,
          entries.map((entry) => [
            entry.ticketId,
            normalizeIso(entry.at),
            entry.actor.kind,
            entry.actor.id,
            entry.field,
            JSON.stringify(entry.from),
            JSON.stringify(entry.to),
            entry.note ?? null,
          ]),
        ),
      );
    },

    list(ticketId) {
      return run(() => {
        const rows = statement('SELECT * FROM ticket_history WHERE ticket_id = ? ORDER BY seq').all(
          ticketId,
        ) as HistoryRow[];
        return rows.map(
          (row): TicketHistoryEntry => ({
            ticketId: row.ticket_id,
            at: row.at,
            actor: { kind: row.actor_kind as TicketHistoryEntry['actor']['kind'], id: row.actor_id },
            field: row.field,
            from: parseJson<JsonValue>(row.from_value),
            to: parseJson<JsonValue>(row.to_value),
            note: row.note,
          }),
        );
      });
    },
  };
}

interface NoteRow {
  id: string;
  ticket_id: string;
  author_kind: string;
  author_id: string;
  body: string;
  at: string;
}

export function createSqliteTicketNoteRepository(ctx: SqliteContext): TicketNoteRepository {
  const { statement, run } = ctx;
  return {
    add(note) {
      return run(() => {
        try {
          statement(
            'INSERT INTO ticket_notes (id, ticket_id, author_kind, author_id, body, at) VALUES (?, ?, ?, ?, ?, ?)',
          ).run(note.id, note.ticketId, note.author.kind, note.author.id, note.body, normalizeIso(note.at));
        } catch (error) {
          translateConstraint(error, `Note ${note.id}`);
        }
        return { ...note, at: normalizeIso(note.at) };
      });
    },

    list(ticketId) {
      return run(() => {
        const rows = statement('SELECT * FROM ticket_notes WHERE ticket_id = ? ORDER BY at, rowid').all(
          ticketId,
        ) as NoteRow[];
        return rows.map(toNote);
      });
    },

    get(id) {
      return run(() => {
        const row = statement('SELECT * FROM ticket_notes WHERE id = ?').get(id) as NoteRow | undefined;
        return row ? toNote(row) : null;
      });
    },
  };
}

function toNote(row: NoteRow): TicketNote {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    author: { kind: row.author_kind as 'execution' | 'user' | 'system', id: row.author_id },
    body: row.body,
    at: row.at,
  };
}
