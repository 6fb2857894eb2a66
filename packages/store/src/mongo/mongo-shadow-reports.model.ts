import { type Connection, type Model, Schema } from 'mongoose';

/**
 * Shadow-run reports, mirroring SQLite migration 29. The report is kept as
 * JSON text, as SQLite does, so keys from customer data come back unchanged.
 */
export interface ShadowReportDoc {
  _id: string;
  flowId: string;
  workspaceId: string;
  liveVersion: number;
  draftRevision: number;
  report: string;
  createdBy: string;
  createdAt: string;
  publishedVersion: number | null;
}

const str = { type: String, required: true } as const;
const num = { type: Number, required: true } as const;

const shadowReportSchema = new Schema<ShadowReportDoc>(
  {
    _id: str,
    flowId: str,
    workspaceId: str,
    liveVersion: num,
    draftRevision: num,
    report: str,
    createdBy: str,
    createdAt: str,
    publishedVersion: { type: Number, default: null },
  },
  { versionKey: false, minimize: false, strict: true },
);
shadowReportSchema.index({ flowId: 1, publishedVersion: 1 });

export interface MongoShadowReportModels {
  shadowReports: Model<ShadowReportDoc>;
}

/** Called by the model registry (mongo-models.ts) only. */
export function createMongoShadowReportModels(connection: Connection): MongoShadowReportModels {
  return {
    shadowReports: connection.model<ShadowReportDoc>('ShadowReport', shadowReportSchema, 'shadow_reports'),
  };
}
