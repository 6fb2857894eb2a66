import type { ApiKeyRepository, SessionRepository, UserRepository } from './port/access.types.ts';
import type { AnalyticsRepository } from './port/analytics.types.ts';
import type { AnomalyRepository } from './port/anomaly.types.ts';
import type { ApprovalRepository } from './port/approval.types.ts';
import type { AuditLogRepository } from './port/audit.types.ts';
import type { ChannelSettingRepository, ConversationRepository } from './port/channel.types.ts';
import type { ClassifierCorrectionRepository } from './port/classifier.types.ts';
import type { CustomerRepository } from './port/customer.types.ts';
import type { ExecutionRepository } from './port/execution.types.ts';
import type { FlowRepository, VersionRepository } from './port/flow.types.ts';
import type { FlowAnalyticsRepository } from './port/flow-analytics.types.ts';
import type { FlowTestCaseRepository } from './port/flow-test-case.types.ts';
import type { CounterRepository, IdempotencyRepository } from './port/idempotency.types.ts';
import type { JobRepository } from './port/job.types.ts';
import type {
  KbAnswerRepository,
  KbArticleRepository,
  KbFeedbackRepository,
} from './port/knowledge.types.ts';
import type { KpiRollupRepository } from './port/kpi-rollup.types.ts';
import type { InAppMessageRepository, MessageTemplateRepository } from './port/notification.types.ts';
import type { InvitationRepository, WorkspaceSettingRepository } from './port/people.types.ts';
import type { ProgressLinkRevocationRepository } from './port/progress-link.types.ts';
import type { RateLimiterBackend } from './port/rate-limit.types.ts';
import type { ShadowReportRepository } from './port/shadow-report.types.ts';
import type { ShadowRunRepository } from './port/shadow-run.types.ts';
import type { SurveyRepository } from './port/survey.types.ts';
import type { AgentRepository, SlaPolicyRepository, TeamRepository } from './port/team.types.ts';
import type { TicketHistoryRepository, TicketNoteRepository, TicketRepository } from './port/ticket.types.ts';
import type { WaitSubscriptionRepository } from './port/wait-subscription.types.ts';

/**
 * The persistence port. Every method is async so a networked adapter (MongoDB)
 * fits the same shape as the embedded one. Times are ISO-8601 strings and ids
 * are chosen by the caller; the store only generates lease tokens.
 */
export interface StoreRepositories {
  flows: FlowRepository;
  versions: VersionRepository;
  executions: ExecutionRepository;
  jobs: JobRepository;
  idempotency: IdempotencyRepository;
  counters: CounterRepository;
  users: UserRepository;
  sessions: SessionRepository;
  apiKeys: ApiKeyRepository;
  // Service-desk data (@flowdesk/desk).
  customers: CustomerRepository;
  tickets: TicketRepository;
  ticketHistory: TicketHistoryRepository;
  ticketNotes: TicketNoteRepository;
  teams: TeamRepository;
  agents: AgentRepository;
  slaPolicies: SlaPolicyRepository;
  inAppMessages: InAppMessageRepository;
  messageTemplates: MessageTemplateRepository;
  surveys: SurveyRepository;
  kbArticles: KbArticleRepository;
  kbFeedback: KbFeedbackRepository;
  // Which article answered which request (flows) or went into a reply (agents).
  kbAnswers: KbAnswerRepository;
  classifierCorrections: ClassifierCorrectionRepository;
  // Channels (intake by email, chat, voice, WeChat) and their conversations.
  channelSettings: ChannelSettingRepository;
  conversations: ConversationRepository;
  // Executions waiting for a ticket event, found by ticket when it happens.
  waitSubscriptions: WaitSubscriptionRepository;
  // Who did what: sign-ins, settings, publishing, exports.
  audit: AuditLogRepository;
  // Per ticket, the time before which its customer progress links are refused.
  progressLinkRevocations: ProgressLinkRevocationRepository;
  // Each flow's saved test cases, run before a draft is published.
  flowTestCases: FlowTestCaseRepository;
  // Shadow-run reports, kept with the version they were published with.
  shadowReports: ShadowReportRepository;
  // Shadow runs while they run and after: progress, cancel and who started them, for every replica.
  shadowRuns: ShadowRunRepository;
  // One-time links that let an invited person make their account.
  invitations: InvitationRepository;
  // Workspace settings that belong to no channel (who may reveal a contact).
  workspaceSettings: WorkspaceSettingRepository;
  // Approval requests of "Ask for approval" steps, decided by a team or the supervisors.
  approvals: ApprovalRepository;
  // The tickets and history of a date range, for the KPI dashboard.
  analytics: AnalyticsRepository;
  // Anomalies the hourly detector found, and its reads of an hour's tickets.
  anomalies: AnomalyRepository;
  // Per flow version and day: what the executions did on the canvas (flow analytics overlay).
  flowAnalytics: FlowAnalyticsRepository;
  // The KPI dashboard's day rollups (SQLite migration 032); disabled in Mongo, which computes on request.
  kpiRollups: KpiRollupRepository;
}

export type StoreKind = 'sqlite' | 'mongo';

export interface Store extends StoreRepositories {
  readonly kind: StoreKind;
  /**
   * Runs fn with repositories bound to one transaction: everything fn wrote is
   * committed when it resolves and nothing is when it throws. Use only `tx`
   * inside fn: calling the outer store from inside waits for the transaction to
   * end (SQLite) and so never finishes. fn may run more than once when the
   * database asks for a retry (MongoDB transient errors), so keep it free of
   * effects outside the store.
   */
  transaction<T>(fn: (tx: StoreRepositories) => Promise<T>): Promise<T>;
  /** Options for rate-limiter-flexible to keep its counters in this database (limits shared by replicas). */
  rateLimiterBackend(): RateLimiterBackend;
  /**
   * Rewrites the database files so that values deleted or overwritten before
   * no longer linger in their free space (old plain-text secrets after they
   * were sealed). Slow on a large database: call it after such a rewrite, not
   * routinely.
   */
  compact(): Promise<void>;
  close(): Promise<void>;
}
