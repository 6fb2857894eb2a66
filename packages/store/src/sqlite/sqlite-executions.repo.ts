import type {
  ExecutionListItem,
  ExecutionQuery,
  ExecutionRecord,
  ExecutionRepository,
  ExecutionStatus,
  ExecutionStep,
  ExecutionSummary,
} from '../port/execution.types.ts';
import { ACTIVE_EXECUTION_STATUSES } from '../port/execution.types.ts';
import type { JsonObject, JsonValue } from '../port/json.types.ts';
import { decodeExecutionCursor, encodeExecutionCursor } from '../shared/execution-cursor.ts';
import {
  type ExecutionSearch,
  executionSearchKeys,
  pendingOf,
  readExecutionSearch,
} from '../shared/execution-search-keys.ts';
import { HANDOFF_REASON_STEP_TYPES } from '../shared/handoff-steps.ts';
import { executionPageSize } from '../shared/page-size.ts';
import { normalizeIso } from '../shared/time.ts';
import {
  insertRows,
  parseJson,
  parseNullableJson,
  type SqliteContext,
  translateConstraint,
} from './sqlite-context.ts';
import { type RollupExecution, recordFlowRollup } from './sqlite-flow-rollup-writer.ts';

interface ExecutionRow {
  id: string;
  flow_id: string;
  version: number;
  status: ExecutionStatus;
  current_node_id: string | null;
  revision: number;
  started_at: string;
  updated_at: string;
  finished_at: string | null;
  state?: string;
  /** Migration 34; only `SELECT *` reads it. */
  steps_pruned_at?: string | null;
}

/** A list row: the summary, the search keys (migration 018) and what the list reads out of the state. */
interface ListRow extends ExecutionRow {
  ticket_number: string | null;
  customer_id: string | null;
  customer_name: string | null;
  customer_email: string | null;
  customer_phone: string | null;
  customer_channel_id: string | null;
  incident: string | null;
  pending_kind: string | null;
  pending_node_type: string | null;
  pending_event: string | null;
  pending_until: string | null;
  pending_timeout_at: string | null;
}

interface StepRow {
  seq: number;
  node_id: string;
  node_type: string;
  visit: number;
  input: string;
  output: string;
  port: string | null;
  started_at: string;
  finished_at: string;
  error: string | null;
}

const STEP_COLUMNS = [
  'execution_id',
  'seq',
  'node_id',
  'node_type',
  'visit',
  'input',
  'output',
  'port',
  'started_at',
  'finished_at',
  'error',
] as const;

const LIST_COLUMNS = `id, flow_id, version, status, current_node_id, revision, started_at, updated_at, finished_at,
  ticket_number, customer_id, customer_name, customer_email, customer_phone, customer_channel_id,
  json_extract(state, '$.incident') AS incident,
  json_extract(state, '$.pending.command.kind') AS pending_kind,
  json_extract(state, '$.pending.command.nodeType') AS pending_node_type,
  json_extract(state, '$.pending.command.event.name') AS pending_event,
  json_extract(state, '$.pending.command.until') AS pending_until,
  json_extract(state, '$.pending.command.timeoutAt') AS pending_timeout_at`;

/** The search key columns, in the order searchKeyValues gives them. */
const SEARCH_KEY_COLUMNS =
  'ticket_number, customer_id, customer_name, customer_email, customer_phone, customer_channel_id';

type NamedSearchKeys = Record<'number' | 'customer' | 'name' | 'email' | 'phone' | 'channel', string | null>;

/** The search keys of a state, named as the save's key update binds them. */
function namedSearchKeys(state: JsonObject): NamedSearchKeys {
  const { ticketNumber, customer } = executionSearchKeys(state);
  return {
    number: ticketNumber,
    customer: customer?.id ?? null,
    name: customer?.name ?? null,
    email: customer?.email ?? null,
    phone: customer?.phone ?? null,
    channel: customer?.channelId ?? null,
  };
}

/** The keys as a row stores them (`SELECT *` reads the columns). */
function storedSearchKeys(row: ExecutionRow & Partial<ListRow>): NamedSearchKeys {
  return {
    number: row.ticket_number ?? null,
    customer: row.customer_id ?? null,
    name: row.customer_name ?? null,
    email: row.customer_email ?? null,
    phone: row.customer_phone ?? null,
    channel: row.customer_channel_id ?? null,
  };
}

function sameSearchKeys(a: NamedSearchKeys, b: NamedSearchKeys): boolean {
  return (
    a.number === b.number &&
    a.customer === b.customer &&
    a.name === b.name &&
    a.email === b.email &&
    a.phone === b.phone &&
    a.channel === b.channel
  );
}

/** The same keys in SEARCH_KEY_COLUMNS order, for the insert. */
function searchKeyValues(keys: NamedSearchKeys): (string | null)[] {
  return Object.values(keys);
}

function toSummary(row: ExecutionRow): ExecutionSummary {
  return {
    id: row.id,
    flowId: row.flow_id,
    version: row.version,
    status: row.status,
    currentNodeId: row.current_node_id,
    revision: row.revision,
    startedAt: row.started_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

function toListItem(row: ListRow): ExecutionListItem {
  const customer = {
    id: row.customer_id,
    name: row.customer_name,
    email: row.customer_email,
    phone: row.customer_phone,
    channelId: row.customer_channel_id,
  };
  const pending = row.pending_kind
    ? pendingOf({
        kind: row.pending_kind,
        nodeType: row.pending_node_type,
        event: row.pending_event === null ? null : { name: row.pending_event },
        until: row.pending_until,
        timeoutAt: row.pending_timeout_at,
      })
    : null;
  return {
    ...toSummary(row),
    ticketNumber: row.ticket_number,
    customer: Object.values(customer).some((value) => value !== null) ? customer : null,
    pending,
    incident: parseNullableJson<JsonObject>(row.incident),
  };
}

/** `%text%` for LIKE … ESCAPE '\\', with the term's own wildcards taken literally. */
function likeAnywhere(text: string): string {
  return `%${likeEscaped(text)}%`;
}

function likeEscaped(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

function toRecord(row: ExecutionRow): ExecutionRecord {
  return {
    ...toSummary(row),
    state: parseJson<JsonObject>(row.state ?? '{}'),
    ...(row.steps_pruned_at ? { stepsPrunedAt: row.steps_pruned_at } : {}),
  };
}

function toStep(row: StepRow): ExecutionStep {
  return {
    seq: row.seq,
    nodeId: row.node_id,
    nodeType: row.node_type,
    visit: row.visit,
    input: parseJson<JsonValue>(row.input),
    output: parseJson<JsonValue>(row.output),
    port: row.port,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    error: parseNullableJson<JsonObject>(row.error),
  };
}

/**
 * One way a search term matches: a condition on a key column, its parameters, and
 * for a match by part (LIKE '%…%', which no index can seek) the narrow index whose
 * entries a scan reads instead of the table (migrations 041 and 047).
 */
interface SearchTerm {
  condition: string;
  params: unknown[];
  scanIndex?: string;
}

/**
 * The name by part: only names at least as long as the term can contain it, and
 * executions_by_name_length (migration 047) starts with the length, so a ticket
 * number or a phone reads the few long names instead of all of them. Lengths in
 * code points, as SQLite's length() counts them (an emoji is one, not two).
 */
function nameTerm(text: string): SearchTerm {
  return {
    condition: `(length(customer_name) >= ? AND customer_name IS NOT NULL AND customer_name LIKE ? ESCAPE '\\')`,
    params: [[...text].length, likeAnywhere(text)],
    scanIndex: 'executions_by_name_length',
  };
}

function searchTerms(search: ExecutionSearch): SearchTerm[] {
  const whole = search.contacts === 'whole';
  const terms: SearchTerm[] = [
    { condition: 'ticket_number = ?', params: [search.text] },
    { condition: `ticket_number LIKE ? ESCAPE '\\'`, params: [`${likeEscaped(search.text)}%`] },
    { condition: 'customer_id = ?', params: [search.text] },
    { condition: 'customer_channel_id = ?', params: [search.text] },
    nameTerm(search.text),
    whole
      ? { condition: 'customer_email = ?', params: [search.lower] }
      : {
          condition: `customer_email LIKE ? ESCAPE '\\'`,
          params: [likeAnywhere(search.lower)],
          scanIndex: 'executions_by_customer_email',
        },
  ];
  if (search.digits) {
    terms.push(
      whole
        ? { condition: 'customer_phone = ?', params: [search.digits] }
        : {
            condition: `(customer_phone IS NOT NULL AND customer_phone LIKE ? ESCAPE '\\')`,
            params: [likeAnywhere(search.digits)],
            scanIndex: 'executions_by_phone',
          },
    );
  }
  return terms;
}

/** The search as one OR over the key columns, for a scan that reads the rows anyway. */
function searchAnyTerm(search: ExecutionSearch): { sql: string; params: unknown[] } {
  const terms = searchTerms(search);
  return {
    sql: `(${terms.map((term) => term.condition).join(' OR ')})`,
    params: terms.flatMap((term) => term.params),
  };
}

/**
 * The same search as a union of index reads, so no execution row is read that does
 * not match: each equal key by its index, and the parts in one scan per narrow index
 * instead of the table, whose rows carry the run state: the long-enough names in
 * theirs, and for readers who see contacts, part of the phone and of the email in
 * theirs. Every role sees contacts masked today, so the API searches contacts whole
 * and the names are the only part read (ROLES_SEEING_PERSONAL_DATA in @flowdesk/desk).
 */
export function searchByIndexes(search: ExecutionSearch): { sql: string; params: unknown[] } {
  const terms = searchTerms(search);
  const seeks = terms.filter((term) => !term.scanIndex);
  const scans = new Map<string, SearchTerm[]>();
  for (const term of terms)
    if (term.scanIndex) scans.set(term.scanIndex, [...(scans.get(term.scanIndex) ?? []), term]);
  const reads = [
    ...seeks.map((term) => ({
      sql: `SELECT rowid FROM executions WHERE ${term.condition}`,
      params: term.params,
    })),
    ...[...scans].map(([index, scanned]) => ({
      sql: `SELECT rowid FROM executions INDEXED BY ${index} WHERE ${scanned.map((term) => term.condition).join(' OR ')}`,
      params: scanned.flatMap((term) => term.params),
    })),
  ];
  // UNION ALL streams, so the cap stops the reads early; a row found twice is one id in the IN list.
  return {
    sql: reads.map((read) => read.sql).join(' UNION ALL '),
    params: reads.flatMap((read) => read.params),
  };
}

/**
 * A search matching more executions than this is read newest first, row by row, which
 * stops early because matches are dense; one matching fewer is read from its matches.
 */
export const SEARCH_MATCH_CAP = 5_000;

/** The filters other than the search, and the cursor, as WHERE terms. */
function filterTerms(query: ExecutionQuery): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.customerId !== undefined) {
    where.push('customer_id = ?');
    params.push(query.customerId);
  }
  if (query.flowId !== undefined) {
    where.push('flow_id = ?');
    params.push(query.flowId);
  }
  if (query.version !== undefined) {
    where.push('version = ?');
    params.push(query.version);
  }
  if (query.status !== undefined) {
    const statuses = typeof query.status === 'string' ? [query.status] : [...query.status];
    where.push('status IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(statuses));
  }
  if (query.startedAfter !== undefined) {
    where.push('started_at >= ?');
    params.push(normalizeIso(query.startedAfter));
  }
  if (query.startedBefore !== undefined) {
    where.push('started_at < ?');
    params.push(normalizeIso(query.startedBefore));
  }
  if (query.cursor) {
    const cursor = decodeExecutionCursor(query.cursor);
    where.push('(started_at < ? OR (started_at = ? AND id < ?))');
    params.push(cursor.startedAt, cursor.startedAt, cursor.id);
  }
  return { where, params };
}

/** A page's SELECT; the SQL text depends only on which filters are set, so it caches well. */
function pageQuery(where: readonly string[], params: readonly unknown[]): { sql: string; params: unknown[] } {
  const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  return {
    sql: `SELECT ${LIST_COLUMNS} FROM executions ${whereSql} ORDER BY started_at DESC, id DESC LIMIT ?`,
    params: [...params],
  };
}

export function createSqliteExecutionRepository(ctx: SqliteContext): ExecutionRepository {
  const { statement, run } = ctx;
  // Within one unit of the group commit, of each execution this unit created or read: what the
  // rollup needs (flow, version and start never change), so appending its steps skips a lookup,
  // and its search keys as stored, so a save that leaves them as they are skips their UPDATE.
  // Only this unit writes the row until it ends (the unit holds the write lock), and every
  // save here keeps the keys current.
  const known = ctx.unit ? new Map<string, RollupExecution>() : null;
  const knownKeys = ctx.unit ? new Map<string, NamedSearchKeys>() : null;

  const appendWithRollup = (id: string, steps: readonly ExecutionStep[]) => {
    try {
      insertRows(
        ctx,
        'execution_steps',
        STEP_COLUMNS,
        steps.map((step) => [
          id,
          step.seq,
          step.nodeId,
          step.nodeType,
          step.visit,
          JSON.stringify(step.input),
          JSON.stringify(step.output),
          step.port,
          normalizeIso(step.startedAt),
          normalizeIso(step.finishedAt),
          step.error ? JSON.stringify(step.error) : null,
        ]),
      );
    } catch (error) {
      const seqs = steps.map((step) => step.seq).join(', ');
      translateConstraint(error, `A step (${seqs}) of execution ${id}`);
    }
    recordFlowRollup(ctx, id, steps, known?.get(id));
  };

  return {
    create(input) {
      return run(() => {
        const summary: ExecutionSummary = {
          id: input.id,
          flowId: input.flowId,
          version: input.version,
          status: input.status,
          currentNodeId: input.currentNodeId ?? null,
          revision: 1,
          startedAt: normalizeIso(input.startedAt),
          updatedAt: normalizeIso(input.updatedAt ?? input.startedAt),
          finishedAt: input.finishedAt ? normalizeIso(input.finishedAt) : null,
        };
        const state = JSON.stringify(input.state);
        const keys = namedSearchKeys(input.state);
        try {
          statement(
            `INSERT INTO executions (id, flow_id, version, status, current_node_id, state, revision,
               started_at, updated_at, finished_at, ${SEARCH_KEY_COLUMNS})
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(
            summary.id,
            summary.flowId,
            summary.version,
            summary.status,
            summary.currentNodeId,
            state,
            summary.revision,
            summary.startedAt,
            summary.updatedAt,
            summary.finishedAt,
            ...searchKeyValues(keys),
          );
        } catch (error) {
          return translateConstraint(error, `Execution ${input.id}`);
        }
        known?.set(summary.id, {
          flow_id: summary.flowId,
          version: summary.version,
          started_at: summary.startedAt,
        });
        knownKeys?.set(summary.id, keys);
        // The stored document is the caller's state as JSON; parsing it back only to return it cost a profile line.
        return { ...summary, state: input.state };
      });
    },

    get(id) {
      return run(() => {
        const row = statement('SELECT * FROM executions WHERE id = ?').get(id) as ListRow | undefined;
        if (!row) return null;
        known?.set(id, { flow_id: row.flow_id, version: row.version, started_at: row.started_at });
        knownKeys?.set(id, storedSearchKeys(row));
        return toRecord(row);
      });
    },

    list(query = {}) {
      return run(() => {
        const limit = executionPageSize(query.limit);
        const filters = filterTerms(query);
        const search = readExecutionSearch(query.search, query.contactMatch);
        let page = pageQuery(filters.where, filters.params);
        if (search) {
          const byIndexes = searchByIndexes(search);
          const matches = statement(`SELECT rowid AS id FROM (${byIndexes.sql}) LIMIT ?`)
            .pluck()
            .all(...byIndexes.params, SEARCH_MATCH_CAP + 1) as number[];
          if (matches.length <= SEARCH_MATCH_CAP) {
            page = pageQuery(
              ['rowid IN (SELECT value FROM json_each(?))', ...filters.where],
              [JSON.stringify(matches), ...filters.params],
            );
          } else {
            const any = searchAnyTerm(search);
            page = pageQuery([any.sql, ...filters.where], [...any.params, ...filters.params]);
          }
        }
        // One extra row tells whether another page exists without a COUNT.
        const rows = statement(page.sql).all(...page.params, limit + 1) as ListRow[];
        const items = rows.slice(0, limit).map(toListItem);
        const last = items.at(-1);
        const nextCursor =
          rows.length > limit && last
            ? encodeExecutionCursor({ startedAt: last.startedAt, id: last.id })
            : null;
        return { items, nextCursor };
      });
    },

    save(id, input, expectedRevision) {
      return run(() => {
        const keys = namedSearchKeys(input.state);
        const save = () => {
          const saved = statement(
            `UPDATE executions SET state = ?, status = ?, current_node_id = ?, updated_at = ?,
               finished_at = ?, steps_pruned_at = CASE WHEN ? IS NULL THEN NULL ELSE steps_pruned_at END,
               revision = revision + 1
             WHERE id = ? AND revision = ? RETURNING revision`,
          ).get(
            JSON.stringify(input.state),
            input.status,
            input.currentNodeId,
            normalizeIso(input.updatedAt),
            input.finishedAt ? normalizeIso(input.finishedAt) : null,
            // Reopened (a retry): the trace no longer says "pruned" and the new steps can be pruned later.
            input.finishedAt ? 1 : null,
            id,
            expectedRevision,
          ) as { revision: number } | undefined;
          // The search keys rarely change after the first save (a ticket made, a customer found),
          // and SQLite rewrites the index entries of every column a SET names, changed or not:
          // five indexes per save. Named only when they differ, they cost one lookup otherwise,
          // and nothing when this unit read or wrote the row and knows them equal.
          const before = knownKeys?.get(id);
          if (saved && !(before && sameSearchKeys(before, keys))) {
            statement(
              `UPDATE executions SET ticket_number = @number, customer_id = @customer,
                 customer_name = @name, customer_email = @email, customer_phone = @phone,
                 customer_channel_id = @channel
               WHERE id = @id AND NOT (ticket_number IS @number COLLATE BINARY AND customer_id IS @customer
                 AND customer_name IS @name AND customer_email IS @email AND customer_phone IS @phone
                 AND customer_channel_id IS @channel)`,
            ).run({ id, ...keys });
          }
          if (saved) knownKeys?.set(id, keys);
          return saved;
        };
        const updated = ctx.db.inTransaction ? save() : ctx.atomic(save);
        if (updated) return { ok: true as const, revision: updated.revision };
        const current = statement('SELECT revision FROM executions WHERE id = ?').get(id) as
          | { revision: number }
          | undefined;
        if (!current) return { ok: false as const, reason: 'not_found' as const };
        return {
          ok: false as const,
          reason: 'revision_conflict' as const,
          currentRevision: current.revision,
        };
      });
    },

    appendSteps(id, steps) {
      return run(() =>
        ctx.db.inTransaction ? appendWithRollup(id, steps) : ctx.atomic(() => appendWithRollup(id, steps)),
      );
    },

    listSteps(id) {
      return run(() =>
        (
          statement('SELECT * FROM execution_steps WHERE execution_id = ? ORDER BY seq').all(id) as StepRow[]
        ).map(toStep),
      );
    },

    // Within the execution's own steps (the primary key's prefix), newest first. A pruned log
    // kept some steps with their payloads emptied and their error cleared (migration 049 marks
    // them): they must not pass for what a step did, even once a retry reopens the execution.
    succeededStep(id, nodeId, visit) {
      return run(() => {
        const row = statement(
          `SELECT output, port FROM execution_steps
           WHERE execution_id = ? AND node_id = ? AND visit = ? AND error IS NULL AND pruned IS NULL
           ORDER BY seq DESC LIMIT 1`,
        ).get(id, nodeId, visit) as { output: string | null; port: string | null } | undefined;
        return row ? { output: parseNullableJson<JsonValue>(row.output), port: row.port } : null;
      });
    },

    handoffStepsOf(ids) {
      return run(() => {
        const byExecution = new Map<string, Array<{ nodeType: string; port: string | null }>>();
        if (ids.length === 0) return byExecution;
        const rows = statement(
          `SELECT execution_id, node_type, port FROM execution_steps
           WHERE execution_id IN (SELECT value FROM json_each(?)) ORDER BY execution_id, seq`,
        ).all(JSON.stringify([...new Set(ids)])) as Array<{
          execution_id: string;
          node_type: string;
          port: string | null;
        }>;
        for (const row of rows) {
          const step = { nodeType: row.node_type, port: row.port };
          const list = byExecution.get(row.execution_id);
          if (list) list.push(step);
          else byExecution.set(row.execution_id, [step]);
        }
        return byExecution;
      });
    },

    listStepsOf(ids) {
      return run(() => {
        const byExecution = new Map<string, ExecutionStep[]>();
        if (ids.length === 0) return byExecution;
        const rows = statement(
          `SELECT s.* FROM execution_steps s JOIN executions e ON e.id = s.execution_id
           WHERE s.execution_id IN (SELECT value FROM json_each(?)) AND e.steps_pruned_at IS NULL
           ORDER BY s.execution_id, s.seq`,
        ).all(JSON.stringify([...new Set(ids)])) as (StepRow & { execution_id: string })[];
        for (const row of rows) {
          const steps = byExecution.get(row.execution_id);
          if (steps) steps.push(toStep(row));
          else byExecution.set(row.execution_id, [toStep(row)]);
        }
        return byExecution;
      });
    },

    // One batch, one transaction; the caller yields between batches so intake gets the lock in between.
    pruneSteps(input) {
      return run(() =>
        ctx.atomic(() => {
          const ids = statement(
            `SELECT id FROM executions INDEXED BY executions_prunable
             WHERE finished_at IS NOT NULL AND steps_pruned_at IS NULL AND finished_at < ?
             ORDER BY finished_at LIMIT ?`,
          ).all(normalizeIso(input.finishedBefore), Math.max(0, input.limit)) as Array<{ id: string }>;
          // What the hand-off reason reads stays (shared/handoff-steps.ts): the first step, the
          // Classify and hand-over steps, with ids, node type and port; payloads go.
          const removeSteps = statement(
            `DELETE FROM execution_steps WHERE execution_id = ?
               AND node_type NOT IN (SELECT value FROM json_each(?))
               AND seq > (SELECT MIN(seq) FROM execution_steps WHERE execution_id = ?)`,
          );
          const emptyKept = statement(
            `UPDATE execution_steps SET input = '{}', output = '{}', error = NULL, pruned = 1
             WHERE execution_id = ?`,
          );
          const mark = statement('UPDATE executions SET steps_pruned_at = ? WHERE id = ?');
          const now = normalizeIso(input.now);
          const kept = JSON.stringify(HANDOFF_REASON_STEP_TYPES);
          for (const { id } of ids) {
            removeSteps.run(id, kept, id);
            emptyKept.run(id);
            mark.run(now, id);
          }
          return ids.length;
        }),
      );
    },

    countRunning(query = {}) {
      return run(() => {
        const byFlow = query.flowId !== undefined;
        const sql = `SELECT flow_id, version, COUNT(*) AS running FROM executions
          WHERE status IN (SELECT value FROM json_each(?)) ${byFlow ? 'AND flow_id = ?' : ''}
          GROUP BY flow_id, version ORDER BY flow_id, version`;
        const params: unknown[] = [JSON.stringify(ACTIVE_EXECUTION_STATUSES)];
        if (byFlow) params.push(query.flowId);
        const rows = statement(sql).all(...params) as Array<{
          flow_id: string;
          version: number;
          running: number;
        }>;
        return rows.map((row) => ({ flowId: row.flow_id, version: row.version, running: row.running }));
      });
    },
  };
}
