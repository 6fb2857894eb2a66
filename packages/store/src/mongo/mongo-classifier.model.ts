import { type Connection, type Model, Schema } from 'mongoose';
import type { ClassifierCorrection } from '../port/classifier.types.ts';

/** Classifier corrections, mirroring SQLite migration 9. */
export type CorrectionDoc = Omit<ClassifierCorrection, 'id'> & { _id: string };

const str = { type: String, required: true } as const;
const nullableStr = { type: String, default: null } as const;

const correctionSchema = new Schema<CorrectionDoc>(
  {
    _id: str,
    workspaceId: str,
    // Not `required`: mongoose rejects an empty required string, and a ticket may have no description.
    text: { type: String, default: '' },
    fromLabel: nullableStr,
    toLabel: str,
    ticketId: nullableStr,
    by: str,
    at: str,
  },
  { versionKey: false, minimize: false, strict: true },
);
correctionSchema.index({ workspaceId: 1, at: 1, _id: 1 });

export interface MongoClassifierModels {
  classifierCorrections: Model<CorrectionDoc>;
}

/** Called by the model registry (mongo-models.ts) only. */
export function createMongoClassifierModels(connection: Connection): MongoClassifierModels {
  return {
    classifierCorrections: connection.model<CorrectionDoc>(
      'ClassifierCorrection',
      correctionSchema,
      'classifier_corrections',
    ),
  };
}
