import type {
  ApiKey,
  ApiKeyRepository,
  Session,
  SessionRepository,
  User,
  UserRepository,
} from '../port/access.types.ts';
import { emailKey } from '../shared/email-key.ts';
import { normalizeIso } from '../shared/time.ts';
import { type MongoContext, translateMongoError } from './mongo-context.ts';
import type { ApiKeyDoc, SessionDoc, UserDoc } from './mongo-models.ts';

const toUser = (doc: UserDoc): User => ({
  id: doc._id,
  email: doc.email,
  name: doc.name,
  role: doc.role,
  passwordHash: doc.passwordHash,
  locale: doc.locale,
  createdAt: doc.createdAt,
  deactivatedAt: doc.deactivatedAt ?? null,
  mustChangePassword: doc.mustChangePassword ?? false,
});

const toSession = (doc: SessionDoc): Session => ({
  tokenHash: doc._id,
  userId: doc.userId,
  createdAt: doc.createdAt,
  expiresAt: doc.expiresAt,
});

const toApiKey = (doc: ApiKeyDoc): ApiKey => ({
  id: doc._id,
  name: doc.name,
  keyHash: doc.keyHash,
  prefix: doc.prefix,
  role: doc.role,
  scopes: [...doc.scopes],
  createdAt: doc.createdAt,
  revokedAt: doc.revokedAt ?? null,
});

export function createMongoUserRepository(ctx: MongoContext): UserRepository {
  const { users, sessions } = ctx.models;
  const session = ctx.session;
  return {
    async create(user) {
      const doc: UserDoc = {
        _id: user.id,
        email: user.email,
        emailKey: emailKey(user.email),
        name: user.name,
        role: user.role,
        passwordHash: user.passwordHash,
        locale: user.locale,
        createdAt: normalizeIso(user.createdAt),
        deactivatedAt: user.deactivatedAt ? normalizeIso(user.deactivatedAt) : null,
        mustChangePassword: user.mustChangePassword ?? false,
      };
      try {
        await users.insertMany([doc], { session });
      } catch (error) {
        translateMongoError(error, `User ${user.id} or email ${user.email}`);
      }
      return toUser(doc);
    },
    async get(id) {
      const doc = await users
        .findById(id)
        .session(session ?? null)
        .lean<UserDoc>()
        .exec();
      return doc ? toUser(doc) : null;
    },
    async getByEmail(email) {
      const doc = await users
        .findOne({ emailKey: emailKey(email) })
        .session(session ?? null)
        .lean<UserDoc>()
        .exec();
      return doc ? toUser(doc) : null;
    },
    async list() {
      const docs = await users
        .find({})
        .sort({ emailKey: 1 })
        .session(session ?? null)
        .lean<UserDoc[]>()
        .exec();
      return docs.map(toUser);
    },
    async update(id, patch) {
      const set: Partial<UserDoc> = {};
      if (patch.email !== undefined) {
        set.email = patch.email;
        set.emailKey = emailKey(patch.email);
      }
      if (patch.name !== undefined) set.name = patch.name;
      if (patch.role !== undefined) set.role = patch.role;
      if (patch.passwordHash !== undefined) set.passwordHash = patch.passwordHash;
      if (patch.locale !== undefined) set.locale = patch.locale;
      if (patch.deactivatedAt !== undefined) {
        set.deactivatedAt = patch.deactivatedAt === null ? null : normalizeIso(patch.deactivatedAt);
      }
      if (patch.mustChangePassword !== undefined) set.mustChangePassword = patch.mustChangePassword;
      if (Object.keys(set).length === 0) {
        const unchanged = await users
          .findById(id)
          .session(session ?? null)
          .lean<UserDoc>()
          .exec();
        return unchanged ? toUser(unchanged) : null;
      }
      try {
        const doc = await users
          .findOneAndUpdate({ _id: id }, { $set: set }, { returnDocument: 'after', session })
          .lean<UserDoc>()
          .exec();
        return doc ? toUser(doc) : null;
      } catch (error) {
        return translateMongoError(error, `Email ${patch.email ?? ''}`);
      }
    },
    delete: (id) =>
      ctx.atomic(async (s) => {
        await sessions.deleteMany({ userId: id }, { session: s }).exec();
        const result = await users.deleteOne({ _id: id }, { session: s }).exec();
        return result.deletedCount > 0;
      }),
  };
}

export function createMongoSessionRepository(ctx: MongoContext): SessionRepository {
  const { sessions } = ctx.models;
  const session = ctx.session;
  return {
    async create(input) {
      const doc: SessionDoc = {
        _id: input.tokenHash,
        userId: input.userId,
        createdAt: normalizeIso(input.createdAt),
        expiresAt: normalizeIso(input.expiresAt),
      };
      try {
        await sessions.insertMany([doc], { session });
      } catch (error) {
        translateMongoError(error, 'Session');
      }
      return toSession(doc);
    },
    async get(tokenHash, now) {
      const doc = await sessions
        .findOne({ _id: tokenHash, expiresAt: { $gt: normalizeIso(now) } })
        .session(session ?? null)
        .lean<SessionDoc>()
        .exec();
      return doc ? toSession(doc) : null;
    },
    async delete(tokenHash) {
      return (await sessions.deleteOne({ _id: tokenHash }, { session }).exec()).deletedCount > 0;
    },
    async deleteForUser(userId) {
      return (await sessions.deleteMany({ userId }, { session }).exec()).deletedCount;
    },
    async deleteExpired(now) {
      return (await sessions.deleteMany({ expiresAt: { $lte: normalizeIso(now) } }, { session }).exec())
        .deletedCount;
    },
  };
}

export function createMongoApiKeyRepository(ctx: MongoContext): ApiKeyRepository {
  const { apiKeys } = ctx.models;
  const session = ctx.session;
  return {
    async create(key) {
      const doc: ApiKeyDoc = {
        _id: key.id,
        name: key.name,
        keyHash: key.keyHash,
        prefix: key.prefix,
        role: key.role,
        scopes: [...key.scopes],
        createdAt: normalizeIso(key.createdAt),
        revokedAt: null,
      };
      try {
        await apiKeys.insertMany([doc], { session });
      } catch (error) {
        translateMongoError(error, `API key ${key.id}`);
      }
      return toApiKey(doc);
    },
    async get(id) {
      const doc = await apiKeys
        .findById(id)
        .session(session ?? null)
        .lean<ApiKeyDoc>()
        .exec();
      return doc ? toApiKey(doc) : null;
    },
    async getByHash(keyHash) {
      const doc = await apiKeys
        .findOne({ keyHash })
        .session(session ?? null)
        .lean<ApiKeyDoc>()
        .exec();
      return doc ? toApiKey(doc) : null;
    },
    async list() {
      const docs = await apiKeys
        .find({})
        .sort({ createdAt: -1, _id: 1 })
        .session(session ?? null)
        .lean<ApiKeyDoc[]>()
        .exec();
      return docs.map(toApiKey);
    },
    async revoke(id, now) {
      const result = await apiKeys
        .updateOne({ _id: id, revokedAt: null }, { $set: { revokedAt: normalizeIso(now) } }, { session })
        .exec();
      return result.modifiedCount > 0;
    },
  };
}
