import { type Connection, type Model, Schema } from 'mongoose';
import type { ClassifierCorrection, ClassifierCorrectionRepository } from '../port/classifier.types.ts';
import { normalizeIso } from '../shared/time.ts';
import { type MongoContext, translateMongoError } from './mongo-context.ts';

/** Classifier corrections, mirroring SQLite migration 9. */
type CorrectionDoc = Omit<ClassifierCorrection, 'id'> & { _id: string };

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

export function createMongoClassifierCorrectionRepository(ctx: MongoContext): ClassifierCorrectionRepository {
  const corrections = ctx.models.classifierCorrections;
  return {
    async add(correction) {
      const stored = { ...correction, at: normalizeIso(correction.at) };
      const { id, ...rest } = stored;
      try {
        await corrections.create([{ _id: id, ...rest }], { session: ctx.session });
      } catch (error) {
        translateMongoError(error, `Classifier correction ${id}`);
      }
      return stored;
    },
    async list(workspaceId, since) {
      const docs = await corrections
        .find(since ? { workspaceId, at: { $gte: normalizeIso(since) } } : { workspaceId })
        .sort({ at: 1, _id: 1 })
        .session(ctx.session ?? null)
        .lean<CorrectionDoc[]>()
        .exec();
      return docs.map(({ _id, ...rest }) => ({ id: _id, ...rest }));
    },
    count: (workspaceId) =>
      corrections
        .countDocuments({ workspaceId })
        .session(ctx.session ?? null)
        .exec(),
  };
}
