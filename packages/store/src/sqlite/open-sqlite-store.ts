import Database from 'better-sqlite3';
import { StoreError } from '../port/store-error.ts';
import type { Store, StoreRepositories } from '../store.port.ts';
import { AsyncMutex } from './async-mutex.ts';
import {
  createSqliteApiKeyRepository,
  createSqliteSessionRepository,
  createSqliteUserRepository,
} from './sqlite-access.repo.ts';
import { isBusyError, retryWhileBusy, SYNC_BUSY_TIMEOUT_MS } from './sqlite-busy.ts';
import {
  createAtomic,
  createStatementCache,
  type SqliteContext,
  type SqliteRunner,
} from './sqlite-context.ts';
import { createSqliteCustomerRepository } from './sqlite-customers.repo.ts';
import { createSqliteExecutionRepository } from './sqlite-executions.repo.ts';
import { createSqliteFlowRepository, createSqliteVersionRepository } from './sqlite-flows.repo.ts';
import {
  createSqliteCounterRepository,
  createSqliteIdempotencyRepository,
} from './sqlite-idempotency.repo.ts';
import { createSqliteJobRepository } from './sqlite-jobs.repo.ts';
import { applyMigrations } from './sqlite-migrations.ts';
import {
  createSqliteAgentRepository,
  createSqliteSlaPolicyRepository,
  createSqliteTeamRepository,
} from './sqlite-teams.repo.ts';
import {
  createSqliteTicketHistoryRepository,
  createSqliteTicketNoteRepository,
  createSqliteTicketRepository,
} from './sqlite-tickets.repo.ts';

export interface SqliteStoreOptions {
  /** A file path, or ':memory:' for a private database that disappears on close. */
  path: string;
  /** How long a write waits for another connection's write lock before failing. Default 5000. */
  busyTimeoutMs?: number;
}

export interface SqliteStore extends Store {
  readonly kind: 'sqlite';
  /** The raw connection, for diagnostics and tests; go through the repositories for data. */
  readonly database: Database.Database;
}

function createRepositories(ctx: SqliteContext): StoreRepositories {
  return {
    flows: createSqliteFlowRepository(ctx),
    versions: createSqliteVersionRepository(ctx),
    executions: createSqliteExecutionRepository(ctx),
    jobs: createSqliteJobRepository(ctx),
    idempotency: createSqliteIdempotencyRepository(ctx),
    counters: createSqliteCounterRepository(ctx),
    users: createSqliteUserRepository(ctx),
    sessions: createSqliteSessionRepository(ctx),
    apiKeys: createSqliteApiKeyRepository(ctx),
    customers: createSqliteCustomerRepository(ctx),
    tickets: createSqliteTicketRepository(ctx),
    ticketHistory: createSqliteTicketHistoryRepository(ctx),
    ticketNotes: createSqliteTicketNoteRepository(ctx),
    teams: createSqliteTeamRepository(ctx),
    agents: createSqliteAgentRepository(ctx),
    slaPolicies: createSqliteSlaPolicyRepository(ctx),
  };
}

function configure(db: Database.Database): void {
  db.pragma(`busy_timeout = ${SYNC_BUSY_TIMEOUT_MS}`);
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode; only a power cut can lose the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
}

export async function openSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  const db = new Database(options.path);
  try {
    await retryWhileBusy(() => configure(db), busyTimeoutMs);
    await retryWhileBusy(() => applyMigrations(db), busyTimeoutMs);
  } catch (error) {
    db.close();
    throw error;
  }

  const statement = createStatementCache(db);
  const atomic = createAtomic(db);
  const mutex = new AsyncMutex();
  // Every unit of work is a single statement or rolls back as a whole, so a busy failure can be retried.
  const run: SqliteRunner = (work) =>
    mutex.runSync(work).catch((error: unknown) => {
      if (!isBusyError(error)) throw error;
      return retryWhileBusy(() => mutex.runSync(work), busyTimeoutMs);
    });
  const repositories = createRepositories({ db, statement, run, atomic });
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');

  async function transaction<T>(fn: (tx: StoreRepositories) => Promise<T>): Promise<T> {
    await mutex.acquire();
    let open = true;
    // The transaction owns the connection while the mutex is held, so its repositories skip the lock.
    const txRun: SqliteRunner = (work) => {
      if (!open) return Promise.reject(new StoreError('transaction_closed', 'The transaction has ended'));
      try {
        return Promise.resolve(work());
      } catch (error) {
        return Promise.reject(error);
      }
    };
    try {
      await retryWhileBusy(() => begin.run(), busyTimeoutMs);
      try {
        const result = await fn(createRepositories({ db, statement, run: txRun, atomic }));
        commit.run();
        return result;
      } catch (error) {
        if (db.inTransaction) rollback.run();
        throw error;
      }
    } finally {
      open = false;
      mutex.release();
    }
  }

  return {
    kind: 'sqlite',
    database: db,
    ...repositories,
    transaction,
    close: async () => {
      await mutex.acquire();
      try {
        if (db.open) db.close();
      } finally {
        mutex.release();
      }
    },
  };
}
