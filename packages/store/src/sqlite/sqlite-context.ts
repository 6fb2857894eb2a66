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
  return (work) => db.transaction(work).immediate();
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
