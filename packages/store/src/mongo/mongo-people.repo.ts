import type { Invitation, InvitationRepository, WorkspaceSettingRepository } from '../port/people.types.ts';
import { normalizeIso } from '../shared/time.ts';
import { type MongoContext, translateMongoError } from './mongo-context.ts';
import type { InvitationDoc, WorkspaceSettingDoc } from './mongo-people.model.ts';

const toInvitation = (doc: InvitationDoc): Invitation => ({
  id: doc._id,
  tokenHash: doc.tokenHash,
  email: doc.email,
  role: doc.role,
  invitedBy: doc.invitedBy,
  createdAt: doc.createdAt,
  expiresAt: doc.expiresAt,
  acceptedAt: doc.acceptedAt ?? null,
  revokedAt: doc.revokedAt ?? null,
  userId: doc.userId ?? null,
});

export function createMongoInvitationRepository(ctx: MongoContext): InvitationRepository {
  const { invitations } = ctx.models;
  const session = ctx.session;
  return {
    async create(invitation) {
      const doc: InvitationDoc = {
        _id: invitation.id,
        tokenHash: invitation.tokenHash,
        email: invitation.email,
        role: invitation.role,
        invitedBy: invitation.invitedBy,
        createdAt: normalizeIso(invitation.createdAt),
        expiresAt: normalizeIso(invitation.expiresAt),
        acceptedAt: null,
        revokedAt: null,
        userId: invitation.userId ?? null,
      };
      try {
        await invitations.insertMany([doc], { session });
      } catch (error) {
        translateMongoError(error, `Invitation ${invitation.id}`);
      }
      return toInvitation(doc);
    },
    async get(id) {
      const doc = await invitations
        .findById(id)
        .session(session ?? null)
        .lean<InvitationDoc>()
        .exec();
      return doc ? toInvitation(doc) : null;
    },
    async getByTokenHash(tokenHash) {
      const doc = await invitations
        .findOne({ tokenHash })
        .session(session ?? null)
        .lean<InvitationDoc>()
        .exec();
      return doc ? toInvitation(doc) : null;
    },
    async accept(tokenHash, userId, now) {
      const at = normalizeIso(now);
      // One conditional update: of two acceptances at once, only one matches the open document.
      const result = await invitations
        .updateOne(
          { tokenHash, acceptedAt: null, revokedAt: null, expiresAt: { $gt: at } },
          { $set: { acceptedAt: at, userId } },
          { session },
        )
        .exec();
      return result.modifiedCount > 0;
    },
    async listOpen(now) {
      const docs = await invitations
        .find({ acceptedAt: null, revokedAt: null, expiresAt: { $gt: normalizeIso(now) } })
        .sort({ createdAt: -1, _id: 1 })
        .session(session ?? null)
        .lean<InvitationDoc[]>()
        .exec();
      return docs.map(toInvitation);
    },
    async revoke(id, now) {
      const result = await invitations
        .updateOne(
          { _id: id, acceptedAt: null, revokedAt: null },
          { $set: { revokedAt: normalizeIso(now) } },
          { session },
        )
        .exec();
      return result.modifiedCount > 0;
    },
  };
}

export function createMongoWorkspaceSettingRepository(ctx: MongoContext): WorkspaceSettingRepository {
  const { workspaceSettings } = ctx.models;
  const session = ctx.session;
  return {
    async get(key) {
      const doc = await workspaceSettings
        .findById(key)
        .session(session ?? null)
        .lean<WorkspaceSettingDoc>()
        .exec();
      return doc ? (doc.value ?? null) : null;
    },
    async set(key, value, now) {
      await workspaceSettings
        .updateOne({ _id: key }, { $set: { value, updatedAt: normalizeIso(now) } }, { upsert: true, session })
        .exec();
    },
  };
}
