import type {
  ChannelSetting,
  ChannelSettingRepository,
  Conversation,
  ConversationMessage,
  ConversationRepository,
} from '../port/channel.types.ts';
import { StoreError } from '../port/store-error.ts';
import { normalizeIso } from '../shared/time.ts';
import type { ConversationDoc, MessageDoc, SettingDoc } from './mongo-channels.model.ts';
import { type MongoContext, translateMongoError } from './mongo-context.ts';

const settingId = (workspaceId: string, channel: string) => `${workspaceId}:${channel}`;

function toSetting(doc: SettingDoc): ChannelSetting {
  const { _id, ...rest } = doc;
  return rest;
}

function toConversation(doc: ConversationDoc): Conversation {
  const { _id, lastSeq, ...rest } = doc;
  return { id: _id, ...rest };
}

function toMessage(doc: MessageDoc): ConversationMessage {
  const { _id, workspaceId, channel, ...rest } = doc;
  return { id: _id, ...rest };
}

export function createMongoChannelSettingRepository(ctx: MongoContext): ChannelSettingRepository {
  const { channelSettings: settings } = ctx.models;
  const session = () => ctx.session ?? null;
  return {
    async get(workspaceId, channel) {
      const doc = await settings
        .findById(settingId(workspaceId, channel))
        .session(session())
        .lean<SettingDoc>()
        .exec();
      return doc ? toSetting(doc) : null;
    },
    async list(workspaceId) {
      const docs = await settings
        .find({ workspaceId })
        .sort({ channel: 1 })
        .session(session())
        .lean<SettingDoc[]>()
        .exec();
      return docs.map(toSetting);
    },
    async put(setting) {
      const stored = { ...setting, updatedAt: normalizeIso(setting.updatedAt) };
      await settings
        .replaceOne({ _id: settingId(setting.workspaceId, setting.channel) }, stored, { upsert: true })
        .session(session())
        .exec();
      return stored;
    },
  };
}

export function createMongoConversationRepository(ctx: MongoContext): ConversationRepository {
  const { conversations, conversationMessages: messages } = ctx.models;
  const session = () => ctx.session ?? null;
  const latest = async (filter: Record<string, unknown>) => {
    const doc = await conversations
      .findOne(filter)
      .sort({ updatedAt: -1, _id: -1 })
      .session(session())
      .lean<ConversationDoc>()
      .exec();
    return doc ? toConversation(doc) : null;
  };
  return {
    async create(conversation) {
      const stored = {
        ...conversation,
        createdAt: normalizeIso(conversation.createdAt),
        updatedAt: normalizeIso(conversation.updatedAt),
      };
      const { id, ...rest } = stored;
      try {
        await conversations.create([{ _id: id, ...rest, lastSeq: 0 }], { session: ctx.session });
      } catch (error) {
        translateMongoError(error, `conversation ${id}`);
      }
      return stored;
    },
    get: (id) => latest({ _id: id }),
    findByTicket: (ticketId) => latest({ ticketId }),
    findByCustomer: (workspaceId, channel, customerKey) => latest({ workspaceId, channel, customerKey }),
    async linkTicket(id, ticketId, at) {
      const result = await conversations
        .updateOne({ _id: id }, { $set: { ticketId, updatedAt: normalizeIso(at) } })
        .session(session())
        .exec();
      return result.matchedCount > 0;
    },
    appendMessage: (message) =>
      ctx.atomic(async (atomicSession) => {
        const existing = await messages.findById(message.id).session(atomicSession).lean<MessageDoc>().exec();
        if (existing) return toMessage(existing);
        const createdAt = normalizeIso(message.createdAt);
        const bumped = await conversations
          .findOneAndUpdate(
            { _id: message.conversationId },
            { $inc: { lastSeq: 1 }, $set: { updatedAt: createdAt } },
            { new: true },
          )
          .session(atomicSession)
          .lean<ConversationDoc>()
          .exec();
        if (!bumped)
          throw new StoreError('not_found', `conversation ${message.conversationId} does not exist`);
        const { id, ...rest } = message;
        const doc: MessageDoc = {
          _id: id,
          ...rest,
          createdAt,
          seq: bumped.lastSeq,
          workspaceId: bumped.workspaceId,
          channel: bumped.channel,
        };
        await messages.create([doc], { session: atomicSession });
        return toMessage(doc);
      }),
    async listMessages(conversationId, afterSeq, limit = 200) {
      const docs = await messages
        .find({ conversationId, seq: { $gt: afterSeq } })
        .sort({ seq: 1 })
        .limit(limit)
        .session(session())
        .lean<MessageDoc[]>()
        .exec();
      return docs.map(toMessage);
    },
    async findMessageByExternalId(workspaceId, channel, externalId) {
      const doc = await messages
        .findOne({ workspaceId, channel, externalId })
        .sort({ createdAt: 1, seq: 1 })
        .session(session())
        .lean<MessageDoc>()
        .exec();
      return doc ? toMessage(doc) : null;
    },
  };
}
