import type {
  InAppMessage,
  InAppMessageRepository,
  InboxRecipient,
  MessageTemplate,
  MessageTemplateRepository,
} from '../port/notification.types.ts';
import { normalizeIso } from '../shared/time.ts';
import { type MongoContext, translateMongoError } from './mongo-context.ts';
import type { Doc } from './mongo-notifications.model.ts';

function fromDoc<T extends { id: string }>(doc: Doc<T>): T {
  const { _id, ...rest } = doc;
  return { id: _id, ...rest } as unknown as T;
}

export function createMongoInAppMessageRepository(ctx: MongoContext): InAppMessageRepository {
  const { inAppMessages } = ctx.models;
  const session = ctx.session;
  return {
    async create(message) {
      const { id, ...rest } = message;
      // Looked up first: inside a transaction a duplicate-key error would abort the whole transaction.
      if (message.idempotencyKey) {
        const existing = await inAppMessages
          .findOne({ idempotencyKey: message.idempotencyKey })
          .session(session ?? null)
          .lean<Doc<InAppMessage>>()
          .exec();
        if (existing) return fromDoc<InAppMessage>(existing);
      }
      const doc = {
        _id: id,
        ...rest,
        ticketId: rest.ticketId ?? null,
        createdAt: normalizeIso(rest.createdAt),
        readAt: null,
      };
      try {
        await inAppMessages.create([doc], { session });
      } catch (error) {
        translateMongoError(error, `message ${id}`);
      }
      return fromDoc<InAppMessage>(doc);
    },
    async listFor(recipientKind, recipientId, listOptions = {}) {
      const filter = { recipientKind, recipientId, ...(listOptions.unreadOnly ? { readAt: null } : {}) };
      const docs = await inAppMessages
        .find(filter)
        .sort({ createdAt: -1, _id: -1 })
        .limit(500)
        .session(session ?? null)
        .lean<Doc<InAppMessage>[]>()
        .exec();
      return docs.map((doc) => fromDoc<InAppMessage>(doc));
    },
    async markRead(id, at) {
      const result = await inAppMessages
        .updateOne({ _id: id, readAt: null }, { $set: { readAt: normalizeIso(at) } }, { session })
        .exec();
      return result.modifiedCount > 0;
    },
    async get(id) {
      const doc = await inAppMessages
        .findById(id)
        .session(session ?? null)
        .lean<Doc<InAppMessage>>()
        .exec();
      return doc ? fromDoc<InAppMessage>(doc) : null;
    },
    async listForRecipients(recipients, listOptions = {}) {
      if (recipients.length === 0) return [];
      const filter = { ...recipientsFilter(recipients), ...(listOptions.unreadOnly ? { readAt: null } : {}) };
      const docs = await inAppMessages
        .find(filter)
        .sort({ createdAt: -1, _id: -1 })
        .limit(listOptions.limit ?? 100)
        .session(session ?? null)
        .lean<Doc<InAppMessage>[]>()
        .exec();
      return docs.map((doc) => fromDoc<InAppMessage>(doc));
    },
    async countUnread(recipients) {
      if (recipients.length === 0) return 0;
      return inAppMessages
        .countDocuments({ ...recipientsFilter(recipients), readAt: null })
        .session(session ?? null)
        .exec();
    },
    async markAllRead(recipients, at) {
      if (recipients.length === 0) return 0;
      const result = await inAppMessages
        .updateMany(
          { ...recipientsFilter(recipients), readAt: null },
          { $set: { readAt: normalizeIso(at) } },
          { session },
        )
        .exec();
      return result.modifiedCount;
    },
  };
}

function recipientsFilter(recipients: readonly InboxRecipient[]): Record<string, unknown> {
  return {
    $or: recipients.map((recipient) => ({ recipientKind: recipient.kind, recipientId: recipient.id })),
  };
}

export function createMongoMessageTemplateRepository(ctx: MongoContext): MessageTemplateRepository {
  const { messageTemplates } = ctx.models;
  const session = ctx.session;
  const get = async (id: string) => {
    const doc = await messageTemplates
      .findById(id)
      .session(session ?? null)
      .lean<Doc<MessageTemplate>>()
      .exec();
    return doc ? fromDoc<MessageTemplate>(doc) : null;
  };
  return {
    async put(template) {
      const { id, ...rest } = template;
      const doc = { _id: id, ...rest, updatedAt: normalizeIso(rest.updatedAt) };
      await messageTemplates.replaceOne({ _id: id }, doc, { upsert: true, session }).exec();
      return fromDoc<MessageTemplate>(doc);
    },
    get,
    async list(workspaceId) {
      const docs = await messageTemplates
        .find({ workspaceId })
        .sort({ name: 1, _id: 1 })
        .session(session ?? null)
        .lean<Doc<MessageTemplate>[]>()
        .exec();
      return docs.map((doc) => fromDoc<MessageTemplate>(doc));
    },
    async delete(id) {
      return (await messageTemplates.deleteOne({ _id: id }, { session }).exec()).deletedCount > 0;
    },
  };
}
