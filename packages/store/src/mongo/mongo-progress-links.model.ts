import { type Connection, type Model, Schema } from 'mongoose';

/** Per ticket, the time before which its progress links are refused; mirrors SQLite migration 15. */
export interface RevocationDoc {
  /** The ticket id. */
  _id: string;
  revokedBefore: string;
}

const revocationSchema = new Schema<RevocationDoc>(
  { _id: { type: String, required: true }, revokedBefore: { type: String, required: true } },
  { versionKey: false, minimize: false, strict: true },
);

export interface MongoProgressLinkModels {
  progressLinkRevocations: Model<RevocationDoc>;
}

/** Called by the model registry (mongo-models.ts) only. */
export function createMongoProgressLinkModels(connection: Connection): MongoProgressLinkModels {
  return {
    progressLinkRevocations: connection.model<RevocationDoc>(
      'ProgressLinkRevocation',
      revocationSchema,
      'progress_link_revocations',
    ),
  };
}
