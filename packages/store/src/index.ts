export type { StoreConfig } from './create-store.ts';
export { createStore, DEFAULT_SQLITE_PATH } from './create-store.ts';
export { openMongoStore } from './mongo/lazy-mongo-store.ts';
export type { MongoStore, MongoStoreOptions } from './mongo/open-mongo-store.ts';
export * from './port/access.types.ts';
export * from './port/analytics.types.ts';
export * from './port/anomaly.types.ts';
export * from './port/approval.types.ts';
export * from './port/audit.types.ts';
export type * from './port/channel.types.ts';
export type * from './port/classifier.types.ts';
export * from './port/customer.types.ts';
export * from './port/execution.types.ts';
export * from './port/flow.types.ts';
export * from './port/flow-analytics.types.ts';
export type * from './port/flow-test-case.types.ts';
export * from './port/idempotency.types.ts';
export * from './port/job.types.ts';
export type * from './port/json.types.ts';
export * from './port/knowledge.types.ts';
export * from './port/kpi-rollup.types.ts';
export type * from './port/notification.types.ts';
export type * from './port/people.types.ts';
export type * from './port/progress-link.types.ts';
export * from './port/rate-limit.types.ts';
export type * from './port/shadow-report.types.ts';
export * from './port/shadow-run.types.ts';
export * from './port/store-error.ts';
export type * from './port/survey.types.ts';
export * from './port/team.types.ts';
export * from './port/ticket.types.ts';
export type * from './port/transaction-observer.types.ts';
export * from './port/wait-subscription.types.ts';
export { executionSearchKeys } from './shared/execution-search-keys.ts';
export { orderFlows } from './shared/flow-order.ts';
export {
  HANDOFF_NODE_TYPES,
  RESOLVING_STATUSES,
  WAIT_NODE_TYPES,
  waitBucket,
  waitBucketSeconds,
} from './shared/flow-rollup-rules.ts';
export {
  HANDOFF_REASON_STEP_TYPES,
  type HandoffStep,
  handoffReasonFromSteps,
  type StepHandoffReason,
} from './shared/handoff-steps.ts';
export { CODES_WITHOUT_PARAMS } from './shared/legacy-incident-codes.ts';
/** Most transactions one SQLite commit carries: the job worker claims that many at once. */
export { MAX_GROUP as SQLITE_MAX_GROUP } from './sqlite/group-commit-queue.ts';
export type { SqliteStore, SqliteStoreOptions } from './sqlite/open-sqlite-store.ts';
export { openSqliteStore } from './sqlite/open-sqlite-store.ts';
export { isBusyError as isStoreBusyError } from './sqlite/sqlite-busy.ts';
export { SQLITE_MIGRATIONS } from './sqlite/sqlite-migrations.ts';
/** The tickets repository's KPI mark, for the benchmarks that price it (apps/server/bench/kpi-marks-off.ts). */
export { KPI_MARK_SQL } from './sqlite/sqlite-tickets.repo.ts';
export type { Store, StoreKind, StoreRepositories } from './store.port.ts';
