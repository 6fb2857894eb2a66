import type { ClassifierCorrectionRepository } from '../port/classifier.types.ts';
import { normalizeIso } from '../shared/time.ts';
import type { CorrectionDoc } from './mongo-classifier.model.ts';
import { type MongoContext, translateMongoError } from './mongo-context.ts';

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
    async listForTickets(workspaceId, ticketIds) {
      if (ticketIds.length === 0) return [];
      const docs = await corrections
        .find({ workspaceId, ticketId: { $in: [...new Set(ticketIds)] } })
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
