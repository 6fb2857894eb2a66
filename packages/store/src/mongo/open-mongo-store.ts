import mongoose, { type ClientSession, type Connection } from 'mongoose';
import { RATE_LIMIT_TABLE } from '../port/rate-limit.types.ts';
import type { TransactionObserver } from '../port/transaction-observer.types.ts';
import { observedTransaction } from '../shared/observed-transaction.ts';
import type { Store, StoreRepositories } from '../store.port.ts';
import {
  createMongoApiKeyRepository,
  createMongoSessionRepository,
  createMongoUserRepository,
} from './mongo-access.repo.ts';
import { createMongoAnalyticsRepository } from './mongo-analytics.repo.ts';
import { createMongoAnomalyRepository } from './mongo-anomalies.repo.ts';
import { createMongoApprovalRepository } from './mongo-approvals.repo.ts';
import { createMongoAuditLogRepository } from './mongo-audit.repo.ts';
import {
  createMongoChannelSettingRepository,
  createMongoConversationRepository,
} from './mongo-channels.repo.ts';
import { createMongoClassifierCorrectionRepository } from './mongo-classifier.repo.ts';
import { createMongoContext, runTransaction } from './mongo-context.ts';
import { createMongoCustomerRepository } from './mongo-customers.repo.ts';
import { createMongoExecutionRepository } from './mongo-executions.repo.ts';
import { createMongoFlowAnalyticsRepository } from './mongo-flow-analytics.repo.ts';
import { createMongoFlowTestCaseRepository } from './mongo-flow-test-cases.repo.ts';
import { createMongoFlowRepository, createMongoVersionRepository } from './mongo-flows.repo.ts';
import { createMongoCounterRepository, createMongoIdempotencyRepository } from './mongo-idempotency.repo.ts';
import { createMongoJobRepository } from './mongo-jobs.repo.ts';
import {
  createMongoKbAnswerRepository,
  createMongoKbArticleRepository,
  createMongoKbFeedbackRepository,
} from './mongo-knowledge.repo.ts';
import { createMongoKpiRollupRepository } from './mongo-kpi-rollup.repo.ts';
import type { LeaseClock } from './mongo-lease-time.ts';
import {
  MONGO_MIGRATIONS,
  mongoMigrationDatabase,
  mongoMigrationLedger,
  runMongoMigrations,
} from './mongo-migrations.ts';
import { createMongoModels, type MongoModels, prepareMongoCollections } from './mongo-models.ts';
import {
  createMongoInAppMessageRepository,
  createMongoMessageTemplateRepository,
} from './mongo-notifications.repo.ts';
import {
  createMongoInvitationRepository,
  createMongoWorkspaceSettingRepository,
} from './mongo-people.repo.ts';
import { createMongoProgressLinkRevocationRepository } from './mongo-progress-links.repo.ts';
import { createMongoShadowReportRepository } from './mongo-shadow-reports.repo.ts';
import { createMongoShadowRunRepository } from './mongo-shadow-runs.repo.ts';
import { createMongoSurveyRepository } from './mongo-surveys.repo.ts';
import {
  createMongoAgentRepository,
  createMongoSlaPolicyRepository,
  createMongoTeamRepository,
} from './mongo-teams.repo.ts';
import {
  createMongoTicketHistoryRepository,
  createMongoTicketNoteRepository,
  createMongoTicketRepository,
} from './mongo-tickets.repo.ts';
import { createMongoWaitSubscriptionRepository } from './mongo-wait-subscriptions.repo.ts';

export interface MongoStoreOptions {
  /** A replica-set URI: transactions (and so the store) need one, even a single-node set. */
  uri: string;
  /** Overrides the database named in the URI. */
  dbName?: string;
  /** How long to look for a server before failing to open. Default 10000. */
  serverSelectionTimeoutMs?: number;
  /**
   * Whose clock job leases run on. Default 'database' (`$$NOW`): replicas' clocks may drift apart.
   * 'caller' follows the `now` passed to the port, for tests that simulate time.
   */
  leaseClock?: LeaseClock;
  /** Told how long each `transaction()` took (retries included), for the server's metrics. */
  onTransaction?: TransactionObserver;
}

export interface MongoStore extends Store {
  readonly kind: 'mongo';
  /** The mongoose connection, for diagnostics and tests; go through the repositories for data. */
  readonly connection: Connection;
}

/** Exported for the registry test; open the store with openMongoStore. */
export function createRepositories(
  connection: Connection,
  models: MongoModels,
  session: ClientSession | undefined,
  leaseClock: LeaseClock,
): StoreRepositories {
  const ctx = createMongoContext(connection, models, session, leaseClock);
  return {
    flows: createMongoFlowRepository(ctx),
    versions: createMongoVersionRepository(ctx),
    executions: createMongoExecutionRepository(ctx),
    jobs: createMongoJobRepository(ctx),
    idempotency: createMongoIdempotencyRepository(ctx),
    counters: createMongoCounterRepository(ctx),
    users: createMongoUserRepository(ctx),
    sessions: createMongoSessionRepository(ctx),
    apiKeys: createMongoApiKeyRepository(ctx),
    customers: createMongoCustomerRepository(ctx),
    tickets: createMongoTicketRepository(ctx),
    ticketHistory: createMongoTicketHistoryRepository(ctx),
    ticketNotes: createMongoTicketNoteRepository(ctx),
    teams: createMongoTeamRepository(ctx),
    agents: createMongoAgentRepository(ctx),
    slaPolicies: createMongoSlaPolicyRepository(ctx),
    inAppMessages: createMongoInAppMessageRepository(ctx),
    messageTemplates: createMongoMessageTemplateRepository(ctx),
    surveys: createMongoSurveyRepository(ctx),
    kbArticles: createMongoKbArticleRepository(ctx),
    kbFeedback: createMongoKbFeedbackRepository(ctx),
    kbAnswers: createMongoKbAnswerRepository(ctx),
    classifierCorrections: createMongoClassifierCorrectionRepository(ctx),
    channelSettings: createMongoChannelSettingRepository(ctx),
    conversations: createMongoConversationRepository(ctx),
    waitSubscriptions: createMongoWaitSubscriptionRepository(ctx),
    audit: createMongoAuditLogRepository(ctx),
    progressLinkRevocations: createMongoProgressLinkRevocationRepository(ctx),
    flowTestCases: createMongoFlowTestCaseRepository(ctx),
    shadowReports: createMongoShadowReportRepository(ctx),
    shadowRuns: createMongoShadowRunRepository(ctx),
    invitations: createMongoInvitationRepository(ctx),
    workspaceSettings: createMongoWorkspaceSettingRepository(ctx),
    approvals: createMongoApprovalRepository(ctx),
    analytics: createMongoAnalyticsRepository(ctx),
    anomalies: createMongoAnomalyRepository(ctx),
    flowAnalytics: createMongoFlowAnalyticsRepository(ctx),
    kpiRollups: createMongoKpiRollupRepository(),
  };
}

export async function openMongoStore(options: MongoStoreOptions): Promise<MongoStore> {
  const connection = mongoose.createConnection(options.uri, {
    dbName: options.dbName,
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 10_000,
    // Indexes are created once below, before the store is handed out, not lazily on first use.
    autoIndex: false,
    autoCreate: false,
  });
  const models = createMongoModels(connection);
  try {
    await connection.asPromise();
    await prepareMongoCollections(models);
    await runMongoMigrations(
      mongoMigrationLedger(models.migrations),
      mongoMigrationDatabase(connection),
      MONGO_MIGRATIONS,
      () => new Date().toISOString(),
    );
  } catch (error) {
    await connection.close().catch(() => undefined);
    throw error;
  }

  const leaseClock = options.leaseClock ?? 'database';
  const repositories = createRepositories(connection, models, undefined, leaseClock);
  return {
    // RateLimiterMongo takes the mongoose connection as it is and creates its own TTL and key indexes.
    rateLimiterBackend: () => ({
      kind: 'mongo',
      options: { storeClient: connection, tableName: RATE_LIMIT_TABLE },
    }),
    kind: 'mongo',
    connection,
    ...repositories,
    transaction: (fn) =>
      observedTransaction(options.onTransaction, 'mongo', () =>
        // A duplicate key aborts a transaction on the server: the whole transaction runs again.
        runTransaction(() =>
          connection.transaction((session) =>
            fn(createRepositories(connection, models, session, leaseClock)),
          ),
        ),
      ),
    // Nothing to do: WiredTiger writes a changed document to new blocks and
    // reuses the old ones, and does not keep free space readable as a file of
    // loose pages the way SQLite does; there is no VACUUM to run.
    compact: async () => undefined,
    close: () => connection.close(),
  };
}
