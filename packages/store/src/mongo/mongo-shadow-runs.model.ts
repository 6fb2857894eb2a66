import { type Connection, type Model, Schema } from 'mongoose';
import { SHADOW_RUN_STATUSES, type ShadowRunStatus } from '../port/shadow-run.types.ts';

/**
 * Shadow runs, mirroring SQLite migration 38. Selection and error are kept as
 * JSON text, as SQLite does. The partial unique index lets one run per
 * workspace be running at a time, whichever replica starts it.
 */
export interface ShadowRunDoc {
  _id: string;
  workspaceId: string;
  flowId: string;
  status: ShadowRunStatus;
  done: number;
  total: number;
  liveVersion: number;
  draftRevision: number;
  draftHash: string;
  selection: string;
  requestedBy: string;
  startedAt: string;
  heartbeatAt: string;
  endedAt: string | null;
  cancelRequested: boolean;
  error: string | null;
}

const str = { type: String, required: true } as const;
const num = { type: Number, required: true } as const;

const shadowRunSchema = new Schema<ShadowRunDoc>(
  {
    _id: str,
    workspaceId: str,
    flowId: str,
    status: { type: String, required: true, enum: SHADOW_RUN_STATUSES },
    done: num,
    total: num,
    liveVersion: num,
    draftRevision: num,
    draftHash: str,
    selection: str,
    requestedBy: str,
    startedAt: str,
    heartbeatAt: str,
    endedAt: { type: String, default: null },
    cancelRequested: { type: Boolean, required: true },
    error: { type: String, default: null },
  },
  { versionKey: false, minimize: false, strict: true },
);
shadowRunSchema.index({ workspaceId: 1 }, { unique: true, partialFilterExpression: { status: 'running' } });
shadowRunSchema.index({ status: 1, heartbeatAt: 1 });

export interface MongoShadowRunModels {
  shadowRuns: Model<ShadowRunDoc>;
}

/** Called by the model registry (mongo-models.ts) only. */
export function createMongoShadowRunModels(connection: Connection): MongoShadowRunModels {
  return { shadowRuns: connection.model<ShadowRunDoc>('ShadowRun', shadowRunSchema, 'shadow_runs') };
}
