import { type Connection, type Model, Schema } from 'mongoose';

/** Anomalies the hourly detector found, mirroring SQLite migration 30: one per workspace, series and hour. */
export interface AnomalyDoc {
  _id: string;
  workspaceId: string;
  seriesKind: string;
  seriesKey: string;
  hour: string;
  value: number;
  baseline: number;
  score: number;
  volume: number;
  status: string;
  detectedAt: string;
  ackedBy: string | null;
  ackedAt: string | null;
}

const str = { type: String, required: true } as const;
const num = { type: Number, required: true } as const;
const nullableStr = { type: String, default: null } as const;

const anomalySchema = new Schema<AnomalyDoc>(
  {
    _id: str,
    workspaceId: str,
    seriesKind: str,
    seriesKey: str,
    hour: str,
    value: num,
    baseline: num,
    score: num,
    volume: num,
    status: str,
    detectedAt: str,
    ackedBy: nullableStr,
    ackedAt: nullableStr,
  },
  { versionKey: false, minimize: false, strict: true },
);
// The unique key makes a re-run of the detector, or a second replica, store nothing new.
anomalySchema.index({ workspaceId: 1, seriesKind: 1, seriesKey: 1, hour: 1 }, { unique: true });
anomalySchema.index({ workspaceId: 1, hour: -1, score: -1 });

export interface MongoAnomalyModels {
  anomalies: Model<AnomalyDoc>;
}

/** Called by the model registry (mongo-models.ts) only. */
export function createMongoAnomalyModels(connection: Connection): MongoAnomalyModels {
  return { anomalies: connection.model<AnomalyDoc>('Anomaly', anomalySchema, 'anomalies') };
}
