import type { Ticket } from './ticket.types.ts';

/**
 * The KPI dashboard's rollups (docs/kpis.md, "Rollups"; SQLite migration 032).
 * The store keeps what the server's rollup job computed: one fact row per
 * ticket (JSON the store does not read, plus the columns queries filter on)
 * and day rows of summed aggregates (JSON). The job merges aggregates itself
 * (@flowdesk/desk kpi-rollup.ts), inside the store's transaction.
 *
 * `enabled` is false in the Mongo adapter: there the dashboard computes from
 * the tickets on each request, as the flow overlay does.
 */

export interface KpiRollupFilters {
  workspaceId: string;
  team?: string | undefined;
  channel?: string | undefined;
  flowId?: string | undefined;
}

export interface KpiFactRecord {
  ticketId: string;
  workspaceId: string;
  createdAt: number;
  resolvedAt: number | null;
  /** Since when an agent holds it (running working time), or null. */
  heldSince: number | null;
  team: string | null;
  channel: string;
  flowId: string | null;
  category: string | null;
  agent: string | null;
  customerId: string | null;
  /** [start, end) intervals in which it was not resolved or closed; end null while open. */
  open: ReadonlyArray<readonly [number, number | null]>;
  /** The fact row as JSON. */
  data: string;
}

export interface KpiRollupKeyRecord {
  workspaceId: string;
  day: string;
  team: string | null;
  channel: string;
  flowId: string | null;
  grp: string;
  grpValue: string | null;
}

export interface KpiRollupRowRecord extends KpiRollupKeyRecord {
  /** The summed aggregate as JSON. */
  agg: string;
}

export interface KpiDirtyMark {
  ticketId: string;
  seq: number;
}

export interface KpiRollupWrite {
  /** Marks this write clears (a newer mark of the same ticket stays). */
  done: readonly KpiDirtyMark[];
  /** New fact rows (replacing the stored ones). */
  facts: readonly KpiFactRecord[];
  /** Tickets that no longer exist: their fact rows go. */
  removed: readonly string[];
  /**
   * Called inside the transaction with the stored fact data (JSON or null) of
   * every ticket written or removed: the rollup rows to change, each with a
   * function from its stored aggregate (JSON or null) to the new one (null: delete).
   */
  changes(previous: ReadonlyMap<string, string | null>): Array<{
    key: KpiRollupKeyRecord;
    merge: (stored: string | null) => string | null;
  }>;
}

export type KpiFactsBy = 'created' | 'resolved' | 'held' | 'answered';

/** A fact row's grouping and counting columns (no JSON to parse). */
export interface KpiFactKeysRecord {
  team: string | null;
  channel: string;
  category: string | null;
  agent: string | null;
  createdAt: number;
  resolvedAt: number | null;
  fcrOk: boolean;
}

/** The top-level parts of a rollup row's agg: created, resolved, surveys. */
export type KpiAggPart = 'c' | 'r' | 's';

export interface KpiRollupRepository {
  readonly enabled: boolean;
  /** The oldest marks first, at most `limit`. */
  dirty(limit: number): Promise<KpiDirtyMark[]>;
  dirtyCount(): Promise<number>;
  /** Marks every ticket of the workspace (a rebuild after a calendar change, say). */
  markAll(workspaceId: string): Promise<number>;
  write(change: KpiRollupWrite): Promise<void>;

  /** What the job computes from. */
  tickets(ids: readonly string[]): Promise<Ticket[]>;
  /** The answered surveys of these tickets. */
  surveysOfTickets(
    ids: readonly string[],
  ): Promise<Array<{ ticketId: string; kind: string; score: number; answeredAt: string }>>;
  /** Execution id → flow id. */
  flowsOfExecutions(executionIds: readonly string[]): Promise<Map<string, string>>;
  /** Every ticket of these customers (id, category, creation). */
  ticketsOfCustomers(
    customerIds: readonly string[],
  ): Promise<Array<{ id: string; customerId: string; category: string | null; createdAt: string }>>;
  /** The stored fact rows of these tickets (category and customer, to see what changed; data as JSON). */
  factsOf(
    ids: readonly string[],
  ): Promise<Map<string, { category: string | null; customerId: string | null; data: string }>>;

  /**
   * Rows of one grp (day rows: '', 'category', 'agent'; month rows: 'month', 'month:…') with fromDay ≤ day < toDay.
   * With `parts`, each agg holds only those of its top-level parts (c, r, s), the rest left out by the store:
   * a year's percentile series parses its resolutions alone.
   */
  rows(
    filters: KpiRollupFilters,
    grp: string,
    fromDay: string,
    toDay: string,
    parts?: readonly KpiAggPart[],
  ): Promise<KpiRollupRowRecord[]>;
  /** Tickets created per local day (grp '' day rows' created_n summed), fromDay ≤ day < toDay. */
  createdByDay(filters: KpiRollupFilters, fromDay: string, toDay: string): Promise<Map<string, number>>;
  /** The grp '' day rows' backlog_delta summed per day, days before toDay, oldest first, zeros left out. */
  backlogChanges(filters: KpiRollupFilters, toDay: string): Promise<Array<{ day: string; change: number }>>;
  /** Keys of the fact rows first resolved in [from, to). */
  resolvedKeys(filters: KpiRollupFilters, from: number, to: number): Promise<KpiFactKeysRecord[]>;
  /** Fact data (JSON) of tickets created, first resolved, first resolved and held now, or with a survey answered in [from, to) (epoch ms). */
  facts(filters: KpiRollupFilters, by: KpiFactsBy, from: number, to: number): Promise<string[]>;
  /** Keys of the tickets created before `at` and not resolved/closed at it. */
  backlog(filters: KpiRollupFilters, at: number): Promise<KpiFactKeysRecord[]>;
  /**
   * When each of those tickets was created (epoch ms), nothing else: the tiles need the backlog's
   * size and ages only, and one column costs a quarter of the keys' rows.
   */
  backlogCreated(filters: KpiRollupFilters, at: number): Promise<number[]>;
  /** Open intervals with end > from and start ≤ to, with their ticket's keys (end null: still open). */
  backlogIntervals(
    filters: KpiRollupFilters,
    from: number,
    to: number,
  ): Promise<Array<KpiFactKeysRecord & { start: number; end: number | null }>>;
  /** Answers of surveys that belong to no ticket, answered in [from, to). */
  unticketedSurveys(
    workspaceId: string,
    from: number,
    to: number,
  ): Promise<Array<{ kind: string; score: number; at: number }>>;
}
