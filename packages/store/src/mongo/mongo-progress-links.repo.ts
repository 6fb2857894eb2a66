import type {
  ProgressLinkRevocation,
  ProgressLinkRevocationRepository,
} from '../port/progress-link.types.ts';
import { normalizeIso } from '../shared/time.ts';
import type { MongoContext } from './mongo-context.ts';
import type { RevocationDoc } from './mongo-progress-links.model.ts';

const toRevocation = (doc: RevocationDoc): ProgressLinkRevocation => ({
  ticketId: doc._id,
  revokedBefore: doc.revokedBefore,
});

export function createMongoProgressLinkRevocationRepository(
  ctx: MongoContext,
): ProgressLinkRevocationRepository {
  const revocations = ctx.models.progressLinkRevocations;
  const session = () => ctx.session ?? null;
  const get = async (ticketId: string) => {
    const doc = await revocations.findById(ticketId).session(session()).lean<RevocationDoc>().exec();
    return doc ? toRevocation(doc) : null;
  };
  return {
    async revoke(revocation) {
      // $max on normalised ISO text keeps the later time (strings compare in time order), in one atomic update.
      const doc = await revocations
        .findOneAndUpdate(
          { _id: revocation.ticketId },
          { $max: { revokedBefore: normalizeIso(revocation.revokedBefore) } },
          { upsert: true, new: true },
        )
        .session(session())
        .lean<RevocationDoc>()
        .exec();
      return toRevocation(doc as RevocationDoc);
    },
    get,
  };
}
