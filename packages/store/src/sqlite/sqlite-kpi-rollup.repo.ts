import type {
  KpiFactKeysRecord,
  KpiFactRecord,
  KpiFactsBy,
  KpiRollupFilters,
  KpiRollupRepository,
  KpiRollupRowRecord,
} from '../port/kpi-rollup.types.ts';
import type { SqliteContext } from './sqlite-context.ts';
import { type TicketRow, toTicket } from './sqlite-ticket-row.ts';

/** SQLite allows 32,766 parameters; id lists are read in chunks well below that. */
const ID_CHUNK = 500;
/** kpi_open_intervals.end_at of an interval still open. */
const OPEN_END = Number.MAX_SAFE_INTEGER;

/** An agg's top-level parts (kpi-rollup.ts in desk): created, resolved, surveys, the backlog's change. */
const AGG_PARTS = ['c', 'r', 's', 'o'] as const;

/** '' stands for null in kpi_rollup's key columns (a WITHOUT ROWID key cannot be null). */
const keyText = (value: string | null) => value ?? '';
const keyValue = (value: string) => (value === '' ? null : value);

function filterSql(filters: KpiRollupFilters, alias: string, flowColumn = 'flow_id') {
  const clauses: string[] = [];
  const params: string[] = [];
  if (filters.team !== undefined) {
    clauses.push(`${alias}.team = ?`);
    params.push(filters.team);
  }
  if (filters.channel !== undefined) {
    clauses.push(`${alias}.channel = ?`);
    params.push(filters.channel);
  }
  if (filters.flowId !== undefined) {
    clauses.push(`${alias}.${flowColumn} = ?`);
    params.push(filters.flowId);
  }
  return { sql: clauses.map((clause) => ` AND ${clause}`).join(''), params };
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += ID_CHUNK) out.push(items.slice(start, start + ID_CHUNK));
  return out;
}

const marks = (items: readonly unknown[]) => items.map(() => '?').join(', ');

/**
 * The backlog at an instant: tickets created before it with an open interval around it. The
 * intervals carry the ticket's workspace, creation and filter keys (migration 045), so the
 * instant, the workspace and the filters are all applied in the index that walks fewer
 * intervals (backlogIndex); the fact rows are joined only for the other keys. CROSS JOIN keeps
 * the intervals first: without statistics SQLite walked every fact row created before the
 * instant (9 s at 1,000,000 tickets) to find the ~20,000 open then.
 */
const backlogSql = (columns: string, filter: string, index: BacklogIndex, join: boolean) =>
  `SELECT ${columns} FROM kpi_open_intervals i INDEXED BY ${index}${
    join ? ' CROSS JOIN kpi_ticket_facts f INDEXED BY kpi_facts_keys ON f.ticket_id = i.ticket_id' : ''
  }
   WHERE i.end_at > ? AND i.start_at <= ? AND i.workspace_id = ? AND i.created_at < ?${filter}`;

type BacklogIndex = 'kpi_open_by_end' | 'kpi_open_by_start';

/**
 * A fact row's keys from its columns, all held by kpi_facts_resolved_keys and kpi_facts_keys
 * (migration 044), so reading them never touches the table.
 */
const KEY_COLUMNS = 'f.team, f.channel, f.category, f.agent, f.created_at, f.resolved_at, f.fcr_ok';
interface KeyRow {
  team: string | null;
  channel: string;
  category: string | null;
  agent: string | null;
  created_at: number;
  resolved_at: number | null;
  fcr_ok: number | null;
}
const toKeys = (row: KeyRow): KpiFactKeysRecord => ({
  team: row.team,
  channel: row.channel,
  category: row.category,
  agent: row.agent,
  createdAt: row.created_at,
  resolvedAt: row.resolved_at,
  fcrOk: row.fcr_ok === 1,
});

/** Migration 032's tables; the rollup job (apps/server) decides what goes in them. */
export function createSqliteKpiRollupRepository(ctx: SqliteContext): KpiRollupRepository {
  const { statement, run, atomic } = ctx;

  function writeFacts(record: KpiFactRecord) {
    statement(
      `INSERT INTO kpi_ticket_facts (ticket_id, workspace_id, created_at, resolved_at, held_since, team, channel,
         flow_id, category, agent, customer_id, data, fcr_ok)
       VALUES (@ticketId, @workspaceId, @createdAt, @resolvedAt, @heldSince, @team, @channel, @flowId, @category,
         @agent, @customerId, @data, json_extract(@data, '$.fcrOk'))
       ON CONFLICT (ticket_id) DO UPDATE SET workspace_id = excluded.workspace_id, created_at = excluded.created_at,
         resolved_at = excluded.resolved_at, held_since = excluded.held_since, team = excluded.team,
         channel = excluded.channel, flow_id = excluded.flow_id, category = excluded.category,
         agent = excluded.agent, customer_id = excluded.customer_id, data = excluded.data, fcr_ok = excluded.fcr_ok`,
    ).run({
      ticketId: record.ticketId,
      workspaceId: record.workspaceId,
      createdAt: record.createdAt,
      resolvedAt: record.resolvedAt,
      heldSince: record.heldSince,
      team: record.team,
      channel: record.channel,
      flowId: record.flowId,
      category: record.category,
      agent: record.agent,
      customerId: record.customerId,
      data: record.data,
    });
    statement('DELETE FROM kpi_open_intervals WHERE ticket_id = ?').run(record.ticketId);
    for (const [start, end] of record.open) {
      // The ticket's keys beside each interval (migration 045): the backlog is read without the facts.
      statement(
        `INSERT OR REPLACE INTO kpi_open_intervals (ticket_id, start_at, end_at, workspace_id, created_at, team,
           channel, flow_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        record.ticketId,
        start,
        end ?? OPEN_END,
        record.workspaceId,
        record.createdAt,
        record.team,
        record.channel,
        record.flowId,
      );
    }
  }

  /**
   * The intervals around an instant are those ending after it (kpi_open_by_end) among those
   * starting before it (kpi_open_by_start, migration 045): walk the smaller side. Intervals are
   * days long and spread over the stored time, so the instant's place between the first and the
   * last start (two index seeks) tells which: a year ago, by start (1,372 intervals at a
   * million tickets, where by end walked 1,057,984); now, by end (the ~20,000 still open).
   */
  function backlogIndex(at: number): BacklogIndex {
    const bounds = statement(
      `SELECT (SELECT min(start_at) FROM kpi_open_intervals INDEXED BY kpi_open_by_start) AS first,
              (SELECT max(start_at) FROM kpi_open_intervals INDEXED BY kpi_open_by_start) AS last`,
    ).get() as { first: number | null; last: number | null };
    if (bounds.first === null || bounds.last === null) return 'kpi_open_by_end';
    return at - bounds.first < bounds.last - at ? 'kpi_open_by_start' : 'kpi_open_by_end';
  }

  return {
    enabled: true,
    dirty(limit) {
      return run(
        () =>
          statement('SELECT ticket_id AS ticketId, seq FROM kpi_dirty LIMIT ?').all(limit) as Array<{
            ticketId: string;
            seq: number;
          }>,
      );
    },
    dirtyCount() {
      return run(() => (statement('SELECT COUNT(*) AS n FROM kpi_dirty').get() as { n: number }).n);
    },
    markAll(workspaceId) {
      return run(
        () =>
          statement(
            `INSERT INTO kpi_dirty (ticket_id, seq) SELECT id, 1 FROM tickets WHERE workspace_id = ?
             ON CONFLICT (ticket_id) DO UPDATE SET seq = seq + 1`,
          ).run(workspaceId).changes,
      );
    },
    write(change) {
      return run(() =>
        atomic(() => {
          // Two replicas can fold the same ticket at once: one read it at mark 1, the other (later,
          // fresher) at mark 2 and wrote first, deleting the mark. The slower one's facts are older
          // than the stored ones, so a ticket whose mark is no longer the one read is left alone
          // here: a newer mark still waiting folds it again, a missing one was folded by the other.
          const stale = new Set<string>();
          for (const mark of change.done) {
            const current = statement('SELECT seq FROM kpi_dirty WHERE ticket_id = ?').get(mark.ticketId) as
              | { seq: number }
              | undefined;
            if (current?.seq !== mark.seq) stale.add(mark.ticketId);
          }
          const facts = change.facts.filter((fact) => !stale.has(fact.ticketId));
          const removed = change.removed.filter((id) => !stale.has(id));
          const ids = [...facts.map((fact) => fact.ticketId), ...removed];
          const previous = new Map<string, string | null>();
          for (const chunk of chunks(ids)) {
            const rows = statement(
              `SELECT ticket_id, data FROM kpi_ticket_facts WHERE ticket_id IN (${marks(chunk)})`,
            ).all(...chunk) as Array<{ ticket_id: string; data: string }>;
            for (const id of chunk) previous.set(id, null);
            for (const row of rows) previous.set(row.ticket_id, row.data);
          }
          for (const { key, merge } of change.changes(previous)) {
            const params = [
              key.workspaceId,
              key.grp,
              key.day,
              keyText(key.team),
              key.channel,
              keyText(key.flowId),
              keyText(key.grpValue),
            ];
            const stored = statement(
              `SELECT agg FROM kpi_rollup WHERE workspace_id = ? AND grp = ? AND day = ? AND team = ?
                 AND channel = ? AND flow_id = ? AND grp_value = ?`,
            ).get(...params) as { agg: string } | undefined;
            const next = merge(stored?.agg ?? null);
            if (next === null) {
              if (stored)
                statement(
                  `DELETE FROM kpi_rollup WHERE workspace_id = ? AND grp = ? AND day = ? AND team = ?
                     AND channel = ? AND flow_id = ? AND grp_value = ?`,
                ).run(...params);
            } else {
              // The columns summed without parsing JSON (migration 039): the agg's c.n and o.
              statement(
                `INSERT INTO kpi_rollup (workspace_id, grp, day, team, channel, flow_id, grp_value, agg, created_n,
                   backlog_delta)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, coalesce(json_extract(?, '$.c.n'), 0),
                   coalesce(json_extract(?, '$.o'), 0))
                 ON CONFLICT DO UPDATE SET agg = excluded.agg, created_n = excluded.created_n,
                   backlog_delta = excluded.backlog_delta`,
              ).run(...params, next, next, next);
            }
          }
          for (const fact of facts) writeFacts(fact);
          for (const id of removed) {
            statement('DELETE FROM kpi_ticket_facts WHERE ticket_id = ?').run(id);
            statement('DELETE FROM kpi_open_intervals WHERE ticket_id = ?').run(id);
          }
          for (const mark of change.done) {
            statement('DELETE FROM kpi_dirty WHERE ticket_id = ? AND seq = ?').run(mark.ticketId, mark.seq);
          }
        }),
      );
    },

    tickets(ids) {
      return run(() =>
        chunks(ids).flatMap((chunk) =>
          (statement(`SELECT * FROM tickets WHERE id IN (${marks(chunk)})`).all(...chunk) as TicketRow[]).map(
            toTicket,
          ),
        ),
      );
    },
    surveysOfTickets(ids) {
      return run(() =>
        chunks(ids).flatMap(
          (chunk) =>
            statement(
              `SELECT ticket_id AS ticketId, kind, score, answered_at AS answeredAt FROM surveys
               WHERE ticket_id IN (${marks(chunk)}) AND score IS NOT NULL AND answered_at IS NOT NULL`,
            ).all(...chunk) as Array<{ ticketId: string; kind: string; score: number; answeredAt: string }>,
        ),
      );
    },
    flowsOfExecutions(executionIds) {
      return run(() => {
        const flows = new Map<string, string>();
        for (const chunk of chunks(executionIds)) {
          const rows = statement(`SELECT id, flow_id FROM executions WHERE id IN (${marks(chunk)})`).all(
            ...chunk,
          ) as Array<{ id: string; flow_id: string }>;
          for (const row of rows) flows.set(row.id, row.flow_id);
        }
        return flows;
      });
    },
    ticketsOfCustomers(customerIds) {
      return run(() =>
        chunks(customerIds).flatMap(
          (chunk) =>
            statement(
              `SELECT id, customer_id AS customerId, category, created_at AS createdAt FROM tickets
               WHERE customer_id IN (${marks(chunk)})`,
            ).all(...chunk) as Array<{
              id: string;
              customerId: string;
              category: string | null;
              createdAt: string;
            }>,
        ),
      );
    },
    factsOf(ids) {
      return run(() => {
        const found = new Map<string, { category: string | null; customerId: string | null; data: string }>();
        for (const chunk of chunks(ids)) {
          const rows = statement(
            `SELECT ticket_id, category, customer_id, data FROM kpi_ticket_facts WHERE ticket_id IN (${marks(chunk)})`,
          ).all(...chunk) as Array<{
            ticket_id: string;
            category: string | null;
            customer_id: string | null;
            data: string;
          }>;
          for (const row of rows)
            found.set(row.ticket_id, { category: row.category, customerId: row.customer_id, data: row.data });
        }
        return found;
      });
    },

    rows(filters, grp, fromDay, toDay, parts) {
      return run(() => {
        // The parts not asked for are removed by SQLite (json_remove, in C) before the JSON reaches
        // JavaScript: parsing a year of day rows whole was most of a percentile series' time.
        const dropped = parts ? AGG_PARTS.filter((part) => !(parts as readonly string[]).includes(part)) : [];
        const agg =
          dropped.length > 0
            ? `json_remove(agg, ${dropped.map((part) => `'$.${part}'`).join(', ')}) AS agg`
            : 'agg';
        const where: string[] = [];
        const params: string[] = [filters.workspaceId, grp, fromDay, toDay];
        if (filters.team !== undefined) {
          where.push('team = ?');
          params.push(filters.team);
        }
        if (filters.channel !== undefined) {
          where.push('channel = ?');
          params.push(filters.channel);
        }
        if (filters.flowId !== undefined) {
          where.push('flow_id = ?');
          params.push(filters.flowId);
        }
        const rows = statement(
          `SELECT day, team, channel, flow_id, grp_value, ${agg} FROM kpi_rollup
           WHERE workspace_id = ? AND grp = ? AND day >= ? AND day < ?${where.map((clause) => ` AND ${clause}`).join('')}`,
        ).all(...params) as Array<{
          day: string;
          team: string;
          channel: string;
          flow_id: string;
          grp_value: string;
          agg: string;
        }>;
        return rows.map(
          (row): KpiRollupRowRecord => ({
            workspaceId: filters.workspaceId,
            day: row.day,
            team: keyValue(row.team),
            channel: row.channel,
            flowId: keyValue(row.flow_id),
            grp,
            grpValue: keyValue(row.grp_value),
            agg: row.agg,
          }),
        );
      });
    },
    facts(filters, by: KpiFactsBy, from, to) {
      return run(() => {
        const filter = filterSql(filters, 'f');
        const sql = {
          created: `SELECT f.data FROM kpi_ticket_facts f INDEXED BY kpi_facts_by_created
            WHERE f.workspace_id = ? AND f.created_at >= ? AND f.created_at < ?`,
          resolved: `SELECT f.data FROM kpi_ticket_facts f INDEXED BY kpi_facts_resolved_keys
            WHERE f.workspace_id = ? AND f.resolved_at >= ? AND f.resolved_at < ?`,
          held: `SELECT f.data FROM kpi_ticket_facts f INDEXED BY kpi_facts_held
            WHERE f.workspace_id = ? AND f.resolved_at >= ? AND f.resolved_at < ? AND f.held_since IS NOT NULL`,
          answered: `SELECT f.data FROM kpi_ticket_facts f WHERE f.ticket_id IN (
              SELECT s.ticket_id FROM surveys s WHERE s.workspace_id = ? AND s.answered_at >= ? AND s.answered_at < ?
                AND s.score IS NOT NULL AND s.ticket_id IS NOT NULL)`,
        }[by];
        const bounds =
          by === 'answered' ? [new Date(from).toISOString(), new Date(to).toISOString()] : [from, to];
        // The one column as strings (pluck): no row object per fact, a week by the hour reads ~20,000.
        return statement(sql + filter.sql)
          .pluck()
          .all(filters.workspaceId, ...bounds, ...filter.params) as string[];
      });
    },
    createdByDay(filters, fromDay, toDay) {
      return run(() => {
        const filter = filterSql(filters, 'r');
        const rows = statement(
          // kpi_rollup_counts (migration 045): the sums sit after the agg in the row, behind its overflow pages.
          `SELECT r.day, SUM(r.created_n) AS n FROM kpi_rollup r INDEXED BY kpi_rollup_counts
           WHERE r.workspace_id = ? AND r.grp = '' AND r.day >= ? AND r.day < ?${filter.sql} GROUP BY r.day`,
        ).all(filters.workspaceId, fromDay, toDay, ...filter.params) as Array<{ day: string; n: number }>;
        return new Map(rows.filter((row) => row.n !== 0).map((row) => [row.day, row.n]));
      });
    },
    backlogChanges(filters, toDay) {
      return run(() => {
        const filter = filterSql(filters, 'r');
        return (
          statement(
            `SELECT r.day, SUM(r.backlog_delta) AS change FROM kpi_rollup r INDEXED BY kpi_rollup_counts
             WHERE r.workspace_id = ? AND r.grp = '' AND r.day < ? AND r.backlog_delta != 0${filter.sql}
             GROUP BY r.day ORDER BY r.day`,
          ).all(filters.workspaceId, toDay, ...filter.params) as Array<{ day: string; change: number }>
        ).filter((row) => row.change !== 0);
      });
    },
    resolvedKeys(filters, from, to) {
      return run(() => {
        const filter = filterSql(filters, 'f');
        return (
          statement(
            `SELECT ${KEY_COLUMNS} FROM kpi_ticket_facts f INDEXED BY kpi_facts_resolved_keys
             WHERE f.workspace_id = ? AND f.resolved_at >= ? AND f.resolved_at < ?${filter.sql}`,
          ).all(filters.workspaceId, from, to, ...filter.params) as KeyRow[]
        ).map(toKeys);
      });
    },
    backlog(filters, at) {
      return run(() => {
        const filter = filterSql(filters, 'i');
        return (
          statement(backlogSql(KEY_COLUMNS, filter.sql, backlogIndex(at), true)).all(
            at,
            at,
            filters.workspaceId,
            at,
            ...filter.params,
          ) as KeyRow[]
        ).map(toKeys);
      });
    },
    backlogCreated(filters, at) {
      return run(() => {
        const filter = filterSql(filters, 'i');
        // One number per ticket (pluck) from the index alone: the keys' seven columns as objects were
        // three quarters of the read (21 of 27 ms for 6,700 tickets at 150,000), the join to the
        // facts most of the rest (69 ms for 20,000 at 1,000,000).
        return statement(backlogSql('i.created_at', filter.sql, backlogIndex(at), false))
          .pluck()
          .all(at, at, filters.workspaceId, at, ...filter.params) as number[];
      });
    },
    backlogIntervals(filters, from, to) {
      return run(() => {
        const filter = filterSql(filters, 'i');
        return (
          statement(
            `SELECT ${KEY_COLUMNS}, i.start_at, i.end_at FROM kpi_open_intervals i INDEXED BY kpi_open_by_end
               CROSS JOIN kpi_ticket_facts f INDEXED BY kpi_facts_keys ON f.ticket_id = i.ticket_id
             WHERE i.end_at > ? AND i.start_at <= ? AND i.workspace_id = ?${filter.sql}`,
          ).all(from, to, filters.workspaceId, ...filter.params) as Array<
            KeyRow & { start_at: number; end_at: number }
          >
        ).map((row) => ({
          ...toKeys(row),
          start: row.start_at,
          end: row.end_at === OPEN_END ? null : row.end_at,
        }));
      });
    },
    unticketedSurveys(workspaceId, from, to) {
      return run(() =>
        (
          statement(
            `SELECT kind, score, answered_at FROM surveys WHERE workspace_id = ? AND answered_at >= ?
               AND answered_at < ? AND score IS NOT NULL AND ticket_id IS NULL`,
          ).all(workspaceId, new Date(from).toISOString(), new Date(to).toISOString()) as Array<{
            kind: string;
            score: number;
            answered_at: string;
          }>
        ).map((row) => ({ kind: row.kind, score: row.score, at: Date.parse(row.answered_at) })),
      );
    },
  };
}
