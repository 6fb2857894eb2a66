import { type Connection, type Model, Schema } from 'mongoose';
import { createMongoAnomalyModels, type MongoAnomalyModels } from './mongo-anomalies.model.ts';
import { createMongoApprovalModels, type MongoApprovalModels } from './mongo-approvals.model.ts';
import { createMongoAuditModels, type MongoAuditModels } from './mongo-audit.model.ts';
import { createMongoChannelModels, type MongoChannelModels } from './mongo-channels.model.ts';
import { createMongoClassifierModels, type MongoClassifierModels } from './mongo-classifier.model.ts';
import { createMongoDeskModels, type MongoDeskModels } from './mongo-desk-models.ts';
import type {
  ApiKeyDoc,
  CounterDoc,
  ExecutionDoc,
  FlowDoc,
  IdempotencyDoc,
  JobDoc,
  SessionDoc,
  StepDoc,
  UserDoc,
  VersionDoc,
} from './mongo-documents.types.ts';
import {
  createMongoFlowTestCaseModels,
  type MongoFlowTestCaseModels,
} from './mongo-flow-test-cases.model.ts';
import { createMongoKnowledgeModels, type MongoKnowledgeModels } from './mongo-knowledge.model.ts';
import { createMongoMigrationModels, type MongoMigrationModels } from './mongo-migrations.ts';
import { createMongoNotificationModels, type NotificationModels } from './mongo-notifications.model.ts';
import { createMongoPeopleModels, type MongoPeopleModels } from './mongo-people.model.ts';
import { createMongoProgressLinkModels, type MongoProgressLinkModels } from './mongo-progress-links.model.ts';
import { createMongoShadowReportModels, type MongoShadowReportModels } from './mongo-shadow-reports.model.ts';
import { createMongoShadowRunModels, type MongoShadowRunModels } from './mongo-shadow-runs.model.ts';
import {
  createMongoWaitSubscriptionModels,
  type MongoWaitSubscriptionModels,
} from './mongo-wait-subscriptions.model.ts';

export type * from './mongo-documents.types.ts';

/** Schemas mirroring the SQLite tables; see mongo-documents.types.ts for what each field holds. */
const options = { versionKey: false, minimize: false, strict: true } as const;
const str = { type: String, required: true } as const;
const nullableStr = { type: String, default: null } as const;
const num = { type: Number, required: true } as const;
const mixed = { type: Schema.Types.Mixed, default: null } as const;

const flowSchema = new Schema<FlowDoc>(
  {
    _id: str,
    workspaceId: str,
    name: str,
    // No default: a flow without names in both languages has no field at all.
    localizedName: { type: Schema.Types.Mixed },
    description: { type: String, default: '' },
    draft: mixed,
    draftRevision: num,
    lastVersion: { type: Number, default: 0 },
    createdBy: str,
    createdAt: str,
    updatedBy: str,
    updatedAt: str,
    archivedAt: nullableStr,
    enabled: { type: Boolean, default: true },
    position: { type: Number, default: 0 },
  },
  options,
);
flowSchema.index({ workspaceId: 1, updatedAt: -1 });
flowSchema.index({ workspaceId: 1, position: 1 });

const versionSchema = new Schema<VersionDoc>(
  {
    flowId: str,
    version: num,
    graph: mixed,
    note: { type: String, default: '' },
    author: str,
    publishedAt: str,
  },
  options,
);
versionSchema.index({ flowId: 1, version: 1 }, { unique: true });

const executionSchema = new Schema<ExecutionDoc>(
  {
    _id: str,
    flowId: str,
    version: num,
    status: str,
    currentNodeId: nullableStr,
    state: mixed,
    revision: num,
    startedAt: str,
    updatedAt: str,
    finishedAt: nullableStr,
    stepsPrunedAt: nullableStr,
    search: {
      ticketNumber: nullableStr,
      customerId: nullableStr,
      customerName: nullableStr,
      customerEmail: nullableStr,
      customerPhone: nullableStr,
      customerChannelId: nullableStr,
    },
  },
  options,
);
executionSchema.index({ startedAt: -1, _id: -1 });
executionSchema.index({ 'search.ticketNumber': 1 });
executionSchema.index({ 'search.customerId': 1 });
executionSchema.index({ 'search.customerEmail': 1 });
executionSchema.index({ 'search.customerChannelId': 1 });
executionSchema.index({ flowId: 1, startedAt: -1, _id: -1 });
executionSchema.index({ status: 1, flowId: 1, version: 1 });
// The retention prune's batches: finished executions whose steps are still kept, oldest first.
executionSchema.index({ stepsPrunedAt: 1, finishedAt: 1 });

const stepSchema = new Schema<StepDoc>(
  {
    executionId: str,
    seq: num,
    nodeId: str,
    nodeType: str,
    visit: num,
    input: mixed,
    output: mixed,
    port: nullableStr,
    startedAt: str,
    finishedAt: str,
    error: mixed,
    pruned: { type: Boolean },
  },
  options,
);
stepSchema.index({ executionId: 1, seq: 1 }, { unique: true });

const jobSchema = new Schema<JobDoc>(
  {
    _id: str,
    kind: str,
    status: str,
    runAt: num,
    payload: mixed,
    idempotencyKey: { type: String },
    attempts: { type: Number, default: 0 },
    maxAttempts: num,
    leasedBy: nullableStr,
    leaseToken: nullableStr,
    leaseExpiresAt: { type: Number, default: null },
    lastError: nullableStr,
    createdAt: str,
    updatedAt: str,
    finishedAt: nullableStr,
  },
  options,
);
jobSchema.index({ status: 1, runAt: 1, _id: 1 });
// The retention purge of finished jobs, oldest first.
jobSchema.index({ finishedAt: 1 }, { partialFilterExpression: { finishedAt: { $type: 'string' } } });
jobSchema.index(
  { idempotencyKey: 1 },
  { unique: true, partialFilterExpression: { idempotencyKey: { $type: 'string' } } },
);

const idempotencySchema = new Schema<IdempotencyDoc>(
  { scope: str, key: str, requestHash: str, response: mixed, createdAt: str, completedAt: nullableStr },
  options,
);
idempotencySchema.index({ scope: 1, key: 1 }, { unique: true });
idempotencySchema.index({ createdAt: 1 });

const counterSchema = new Schema<CounterDoc>({ _id: str, value: num }, options);

const userSchema = new Schema<UserDoc>(
  {
    _id: str,
    email: str,
    emailKey: str,
    name: str,
    role: str,
    passwordHash: str,
    locale: str,
    createdAt: str,
    deactivatedAt: nullableStr,
    mustChangePassword: { type: Boolean, default: false },
  },
  options,
);
userSchema.index({ emailKey: 1 }, { unique: true });

const sessionSchema = new Schema<SessionDoc>(
  { _id: str, userId: str, createdAt: str, expiresAt: str },
  options,
);
sessionSchema.index({ userId: 1 });
sessionSchema.index({ expiresAt: 1 });

const apiKeySchema = new Schema<ApiKeyDoc>(
  {
    _id: str,
    name: str,
    keyHash: str,
    prefix: str,
    role: str,
    scopes: { type: [String], default: [] },
    createdAt: str,
    revokedAt: nullableStr,
  },
  options,
);
apiKeySchema.index({ keyHash: 1 }, { unique: true });

/**
 * The model registry: every collection the Mongo store uses, one model each,
 * made here and nowhere else. Schemas live beside the repository that reads
 * them; repositories take their models from the context, never from the
 * connection.
 */
export interface MongoModels
  extends MongoDeskModels,
    MongoAuditModels,
    MongoKnowledgeModels,
    MongoClassifierModels,
    MongoChannelModels,
    MongoWaitSubscriptionModels,
    NotificationModels,
    MongoMigrationModels,
    MongoProgressLinkModels,
    MongoFlowTestCaseModels,
    MongoShadowReportModels,
    MongoShadowRunModels,
    MongoPeopleModels,
    MongoApprovalModels,
    MongoAnomalyModels {
  flows: Model<FlowDoc>;
  versions: Model<VersionDoc>;
  executions: Model<ExecutionDoc>;
  steps: Model<StepDoc>;
  jobs: Model<JobDoc>;
  idempotency: Model<IdempotencyDoc>;
  counters: Model<CounterDoc>;
  users: Model<UserDoc>;
  sessions: Model<SessionDoc>;
  apiKeys: Model<ApiKeyDoc>;
}

/** Models are bound to one connection, so several stores can live in one process. */
export function createMongoModels(connection: Connection): MongoModels {
  return {
    flows: connection.model<FlowDoc>('Flow', flowSchema, 'flows'),
    versions: connection.model<VersionDoc>('FlowVersion', versionSchema, 'flow_versions'),
    executions: connection.model<ExecutionDoc>('Execution', executionSchema, 'executions'),
    steps: connection.model<StepDoc>('ExecutionStep', stepSchema, 'execution_steps'),
    jobs: connection.model<JobDoc>('Job', jobSchema, 'jobs'),
    idempotency: connection.model<IdempotencyDoc>('IdempotencyKey', idempotencySchema, 'idempotency_keys'),
    counters: connection.model<CounterDoc>('Counter', counterSchema, 'counters'),
    users: connection.model<UserDoc>('User', userSchema, 'users'),
    sessions: connection.model<SessionDoc>('Session', sessionSchema, 'sessions'),
    apiKeys: connection.model<ApiKeyDoc>('ApiKey', apiKeySchema, 'api_keys'),
    ...createMongoDeskModels(connection),
    ...createMongoAuditModels(connection),
    ...createMongoKnowledgeModels(connection),
    ...createMongoClassifierModels(connection),
    ...createMongoChannelModels(connection),
    ...createMongoWaitSubscriptionModels(connection),
    ...createMongoNotificationModels(connection),
    ...createMongoMigrationModels(connection),
    ...createMongoProgressLinkModels(connection),
    ...createMongoFlowTestCaseModels(connection),
    ...createMongoShadowReportModels(connection),
    ...createMongoShadowRunModels(connection),
    ...createMongoPeopleModels(connection),
    ...createMongoApprovalModels(connection),
    ...createMongoAnomalyModels(connection),
  };
}

/**
 * Creates every collection (a transaction cannot create one) and makes each
 * one's indexes equal to its schema's: missing ones are built, ones no schema
 * declares any more are dropped. The unique indexes are what make claims,
 * version numbers and keys safe, so this runs before the store is handed out.
 */
export async function prepareMongoCollections(models: MongoModels): Promise<void> {
  for (const model of Object.values(models) as Model<unknown>[]) {
    await model.createCollection();
    await model.syncIndexes();
  }
}
