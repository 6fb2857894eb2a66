import { chmodSync, closeSync, openSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { TransactionObserver } from '../port/transaction-observer.types.ts';
import { observedTransaction } from '../shared/observed-transaction.ts';
import type { Store, StoreRepositories } from '../store.port.ts';
import { AsyncMutex } from './async-mutex.ts';
import { GroupCommitQueue } from './group-commit-queue.ts';
import {
  createSqliteApiKeyRepository,
  createSqliteSessionRepository,
  createSqliteUserRepository,
} from './sqlite-access.repo.ts';
import { createSqliteAnalyticsRepository } from './sqlite-analytics.repo.ts';
import { createSqliteAnomalyRepository } from './sqlite-anomalies.repo.ts';
import { createSqliteApprovalRepository } from './sqlite-approvals.repo.ts';
import { createSqliteAuditLogRepository } from './sqlite-audit.repo.ts';
import { isBusyError, retryWhileBusy, SYNC_BUSY_TIMEOUT_MS } from './sqlite-busy.ts';
import {
  createSqliteChannelSettingRepository,
  createSqliteConversationRepository,
} from './sqlite-channels.repo.ts';
import { createSqliteClassifierCorrectionRepository } from './sqlite-classifier.repo.ts';
import {
  createAtomic,
  createStatementCache,
  type SqliteContext,
  type SqliteRunner,
} from './sqlite-context.ts';
import { createSqliteCustomerRepository } from './sqlite-customers.repo.ts';
import { createSqliteExecutionRepository } from './sqlite-executions.repo.ts';
import { createSqliteFlowAnalyticsRepository } from './sqlite-flow-analytics.repo.ts';
import { createSqliteFlowTestCaseRepository } from './sqlite-flow-test-cases.repo.ts';
import { createSqliteFlowRepository, createSqliteVersionRepository } from './sqlite-flows.repo.ts';
import {
  createSqliteCounterRepository,
  createSqliteIdempotencyRepository,
} from './sqlite-idempotency.repo.ts';
import { createSqliteJobRepository } from './sqlite-jobs.repo.ts';
import {
  createSqliteKbAnswerRepository,
  createSqliteKbArticleRepository,
  createSqliteKbFeedbackRepository,
} from './sqlite-knowledge.repo.ts';
import { createSqliteKpiRollupRepository } from './sqlite-kpi-rollup.repo.ts';
import { applyMigrations } from './sqlite-migrations.ts';
import {
  createSqliteInAppMessageRepository,
  createSqliteMessageTemplateRepository,
} from './sqlite-notifications.repo.ts';
import {
  createSqliteInvitationRepository,
  createSqliteWorkspaceSettingRepository,
} from './sqlite-people.repo.ts';
import { createSqliteProgressLinkRevocationRepository } from './sqlite-progress-links.repo.ts';
import { sqliteRateLimiterBackend } from './sqlite-rate-limiter-backend.ts';
import { createSqliteShadowReportRepository } from './sqlite-shadow-reports.repo.ts';
import { createSqliteShadowRunRepository } from './sqlite-shadow-runs.repo.ts';
import { createSqliteSurveyRepository } from './sqlite-surveys.repo.ts';
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
import { createSqliteWaitSubscriptionRepository } from './sqlite-wait-subscriptions.repo.ts';
import { SAFETY_NET_PAGES, startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer.ts';

export interface SqliteStoreOptions {
  /** A file path, or ':memory:' for a private database that disappears on close. */
  path: string;
  /** How long a write waits for another connection's write lock before failing. Default 5000. */
  busyTimeoutMs?: number;
  /** Told how long each `transaction()` took, for the server's metrics. */
  onTransaction?: TransactionObserver;
  /**
   * Checkpoint the WAL from a worker thread instead of inside the commits that
   * cross SQLite's threshold (wal-checkpointer.ts). For long-running processes
   * (the server, its workers); a file path only.
   */
  backgroundCheckpoints?: boolean;
  /** Told when a background checkpoint fails (the next one tries again). */
  onCheckpointError?: (message: string) => void;
}

export interface SqliteStore extends Store {
  readonly kind: 'sqlite';
  /** The raw connection, for diagnostics and tests; go through the repositories for data. */
  readonly database: Database.Database;
}

type RepositoryFactories = { [K in keyof StoreRepositories]: (ctx: SqliteContext) => StoreRepositories[K] };

const FACTORIES: RepositoryFactories = {
  flows: createSqliteFlowRepository,
  versions: createSqliteVersionRepository,
  executions: createSqliteExecutionRepository,
  jobs: createSqliteJobRepository,
  idempotency: createSqliteIdempotencyRepository,
  counters: createSqliteCounterRepository,
  users: createSqliteUserRepository,
  sessions: createSqliteSessionRepository,
  apiKeys: createSqliteApiKeyRepository,
  customers: createSqliteCustomerRepository,
  tickets: createSqliteTicketRepository,
  ticketHistory: createSqliteTicketHistoryRepository,
  ticketNotes: createSqliteTicketNoteRepository,
  teams: createSqliteTeamRepository,
  agents: createSqliteAgentRepository,
  slaPolicies: createSqliteSlaPolicyRepository,
  inAppMessages: createSqliteInAppMessageRepository,
  messageTemplates: createSqliteMessageTemplateRepository,
  surveys: createSqliteSurveyRepository,
  kbArticles: createSqliteKbArticleRepository,
  kbFeedback: createSqliteKbFeedbackRepository,
  kbAnswers: createSqliteKbAnswerRepository,
  classifierCorrections: createSqliteClassifierCorrectionRepository,
  channelSettings: createSqliteChannelSettingRepository,
  conversations: createSqliteConversationRepository,
  waitSubscriptions: createSqliteWaitSubscriptionRepository,
  audit: createSqliteAuditLogRepository,
  progressLinkRevocations: createSqliteProgressLinkRevocationRepository,
  flowTestCases: createSqliteFlowTestCaseRepository,
  shadowReports: createSqliteShadowReportRepository,
  shadowRuns: createSqliteShadowRunRepository,
  invitations: createSqliteInvitationRepository,
  workspaceSettings: createSqliteWorkspaceSettingRepository,
  approvals: createSqliteApprovalRepository,
  analytics: createSqliteAnalyticsRepository,
  anomalies: createSqliteAnomalyRepository,
  flowAnalytics: createSqliteFlowAnalyticsRepository,
  kpiRollups: createSqliteKpiRollupRepository,
};

const REPOSITORY_NAMES = Object.keys(FACTORIES) as Array<keyof StoreRepositories>;

function createRepositories(ctx: SqliteContext): StoreRepositories {
  const entries = REPOSITORY_NAMES.map((name) => [name, FACTORIES[name](ctx)]);
  return Object.fromEntries(entries) as unknown as StoreRepositories;
}

/**
 * The repositories one transaction sees, each built on first use. A request
 * touches a handful of the 25, and building all of them for every transaction
 * was a measurable share of the intake benchmark's profile.
 */
class LazyRepositories {
  readonly #ctx: SqliteContext;
  readonly #built = new Map<keyof StoreRepositories, unknown>();

  constructor(ctx: SqliteContext) {
    this.#ctx = ctx;
  }

  repository<K extends keyof StoreRepositories>(name: K): StoreRepositories[K] {
    let repository = this.#built.get(name) as StoreRepositories[K] | undefined;
    if (repository === undefined) {
      repository = FACTORIES[name](this.#ctx);
      this.#built.set(name, repository);
    }
    return repository;
  }
}

for (const name of REPOSITORY_NAMES) {
  Object.defineProperty(LazyRepositories.prototype, name, {
    enumerable: true,
    get(this: LazyRepositories) {
      return this.repository(name);
    },
  });
}

function transactionRepositories(ctx: SqliteContext): StoreRepositories {
  return new LazyRepositories(ctx) as unknown as StoreRepositories;
}

function configure(db: Database.Database): void {
  db.pragma(`busy_timeout = ${SYNC_BUSY_TIMEOUT_MS}`);
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode; only a power cut can lose the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // Overwrite deleted and overwritten content with zeros, so an old value (a
  // plain-text secret before it was sealed, a purged contact) does not stay
  // readable in a page's free space. The cost is small here: rows are a few
  // hundred bytes and the pages they free are written anyway.
  db.pragma('secure_delete = ON');
  // A 64 MB page cache and memory-mapped reads: the default 2 MB cache made every
  // index update of a growing tickets table re-read pages through system calls.
  db.pragma('cache_size = -65536');
  db.pragma('mmap_size = 268435456');
}

/** A plain file path: not ':memory:', a temporary database ('') or a URI. */
function isFileBacked(path: string): boolean {
  return path !== ':memory:' && path !== '' && !path.startsWith('file:');
}

/** Read and write for the owner only: the database holds customers' contacts and sealed credentials. */
const PRIVATE_MODE = 0o600;

/**
 * Creates the database file 0600 before SQLite opens it (SQLite gives the -wal
 * and -shm files the database file's mode), and takes group and other access
 * away from files an older version created 0644.
 */
function makeFilesPrivate(path: string): void {
  if (!isFileBacked(path)) return;
  try {
    closeSync(openSync(path, 'wx', PRIVATE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    try {
      const mode = statSync(file).mode & 0o777;
      if ((mode & 0o077) !== 0) chmodSync(file, mode & 0o700);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

export async function openSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  makeFilesPrivate(options.path);
  const db = new Database(options.path);
  try {
    await retryWhileBusy(() => configure(db), busyTimeoutMs);
    await retryWhileBusy(() => applyMigrations(db), busyTimeoutMs);
  } catch (error) {
    db.close();
    throw error;
  }

  let checkpointer: WalCheckpointer | null = null;
  if (options.backgroundCheckpoints && isFileBacked(options.path)) {
    db.pragma(`wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
    checkpointer = startWalCheckpointer(options.path, {
      ...(options.onCheckpointError ? { onError: options.onCheckpointError } : {}),
    });
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
  const queue = new GroupCommitQueue({
    db,
    mutex,
    busyTimeoutMs,
    openUnit: (unitRun) => transactionRepositories({ db, statement, run: unitRun, atomic, unit: true }),
  });

  return {
    kind: 'sqlite',
    database: db,
    ...repositories,
    transaction: (work) => observedTransaction(options.onTransaction, 'sqlite', () => queue.run(work)),
    rateLimiterBackend: () => sqliteRateLimiterBackend(db, mutex),
    compact: async () => {
      await mutex.acquire();
      try {
        // Bring the pages written so far from the WAL into the file, rebuild the
        // file without its free pages, then copy that back and empty the WAL:
        // neither file keeps a page image from before.
        await retryWhileBusy(() => db.pragma('wal_checkpoint(TRUNCATE)'), busyTimeoutMs);
        await retryWhileBusy(() => db.exec('VACUUM'), busyTimeoutMs);
        await retryWhileBusy(() => db.pragma('wal_checkpoint(TRUNCATE)'), busyTimeoutMs);
      } finally {
        mutex.release();
      }
    },
    close: async () => {
      await checkpointer?.stop();
      checkpointer = null;
      await mutex.acquire();
      try {
        if (db.open) db.close();
      } finally {
        mutex.release();
      }
    },
  };
}
