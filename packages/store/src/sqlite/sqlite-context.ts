import type Database from 'better-sqlite3';
import { StoreError } from '../port/store-error.ts';

/** Runs a synchronous piece of database work for an async repository method. */
export type SqliteRunner = <T>(work: () => T) => Promise<T>;

/** What every SQLite repository needs: the connection, cached statements and a runner. */
export interface SqliteContext {
  db: Database.Database;
  /** Prepared once per SQL text and connection, then reused. */
  statement(sql: string): Database.Statement;
  run: SqliteRunner;
  /**
   * Runs several statements as one unit. Outside a transaction it takes the write
   * lock first (BEGIN IMMEDIATE), so a read-then-write never works on a stale
   * snapshot when another process wrote in between; inside one it uses a savepoint.
   */
  atomic<T>(work: () => T): T;
  /**
   * Set on the context of one group-commit unit. Its repositories are built for that unit
   * alone and the write lock is held throughout, so they may keep rows the unit already
   * read or wrote instead of reading them again (each keeps them up to date with its own writes).
   */
  unit?: boolean;
}

export function createStatementCache(db: Database.Database): (sql: string) => Database.Statement {
  const cache = new Map<string, Database.Statement>();
  return (sql) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
}

export function createAtomic(db: Database.Database): <T>(work: () => T) => T {
  // One wrapper for every call: building a better-sqlite3 transaction function is not free.
  const transaction = db.transaction((work: () => unknown) => work());
  return <T>(work: () => T) => transaction.immediate(work) as T;
}

/** Most rows one multi-row INSERT carries; longer lists take several statements. */
const ROWS_PER_INSERT = 32;

/** Each INSERT's text by table and row count, for the column lists (module constants) callers pass. */
const insertTexts = new WeakMap<readonly string[], Map<string, string[]>>();

/**
 * The multi-row INSERT for `count` rows, built once: every step and history
 * row used to rebuild its text and then hash all of it again to find
 * the prepared statement (~15 µs per fired timer in a profile). The same string
 * object comes back each time, and V8 keeps a string's hash.
 */
function insertSql(table: string, columns: readonly string[], count: number): string {
  let byTable = insertTexts.get(columns);
  if (!byTable) {
    byTable = new Map();
    insertTexts.set(columns, byTable);
  }
  let byCount = byTable.get(table);
  if (!byCount) {
    byCount = [];
    byTable.set(table, byCount);
  }
  let sql = byCount[count];
  if (sql === undefined) {
    const placeholders = `(${columns.map(() => '?').join(', ')})`;
    sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: count }, () => placeholders).join(', ')}`;
    byCount[count] = sql;
  }
  return sql;
}

/**
 * Inserts rows with as few statements as possible: one multi-row INSERT per 32
 * rows instead of one statement per row. All land or none: one statement is
 * atomic by itself, and several run under `atomic`.
 */
export function insertRows(
  ctx: Pick<SqliteContext, 'statement' | 'atomic'>,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<readonly unknown[]>,
): void {
  const write = () => {
    for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
      const chunk = rows.slice(start, start + ROWS_PER_INSERT);
      ctx.statement(insertSql(table, columns, chunk.length)).run(...chunk.flat());
    }
  };
  if (rows.length > ROWS_PER_INSERT) ctx.atomic(write);
  else write();
}

/**
 * For a read followed by a single write. Outside a transaction it takes the
 * write lock first, as `atomic` does, so the read is not stale; inside one the
 * lock is already held, and one write needs no savepoint to be all or nothing.
 */
export function readThenWrite<T>(ctx: Pick<SqliteContext, 'db' | 'atomic'>, work: () => T): T {
  return ctx.db.inTransaction ? work() : ctx.atomic(work);
}

interface SqliteErrorLike {
  code?: unknown;
}

/** Turns constraint failures into the port's typed errors; anything else is rethrown. */
export function translateConstraint(error: unknown, what: string): never {
  const code = (error as SqliteErrorLike | null)?.code;
  if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') {
    throw new StoreError('duplicate', `${what} already exists`, { cause: error });
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    throw new StoreError('not_found', `${what} refers to a record that does not exist`, { cause: error });
  }
  throw error;
}

export function parseJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

export function parseNullableJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}
