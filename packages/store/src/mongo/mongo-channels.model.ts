import { type Connection, type Model, Schema } from 'mongoose';
import type { ChannelSetting, Conversation, ConversationMessage } from '../port/channel.types.ts';

/** Channel settings and conversations, mirroring SQLite migration 10. */
export type SettingDoc = ChannelSetting & { _id: string };
export type ConversationDoc = Omit<Conversation, 'id'> & { _id: string; lastSeq: number };
export type MessageDoc = Omit<ConversationMessage, 'id'> & {
  _id: string;
  workspaceId: string;
  channel: string;
};

const options = { versionKey: false, minimize: false, strict: false } as const;

const settingSchema = new Schema<SettingDoc>({ _id: String }, options);
settingSchema.index({ workspaceId: 1, channel: 1 }, { unique: true });
const conversationSchema = new Schema<ConversationDoc>({ _id: String }, options);
conversationSchema.index({ ticketId: 1, updatedAt: -1 });
conversationSchema.index({ workspaceId: 1, channel: 1, customerKey: 1, updatedAt: -1 });
const messageSchema = new Schema<MessageDoc>({ _id: String }, options);
messageSchema.index({ conversationId: 1, seq: 1 }, { unique: true });
messageSchema.index(
  { workspaceId: 1, channel: 1, externalId: 1 },
  { partialFilterExpression: { externalId: { $type: 'string' } } },
);

export interface MongoChannelModels {
  channelSettings: Model<SettingDoc>;
  conversations: Model<ConversationDoc>;
  conversationMessages: Model<MessageDoc>;
}

/** Called by the model registry (mongo-models.ts) only. */
export function createMongoChannelModels(connection: Connection): MongoChannelModels {
  return {
    channelSettings: connection.model<SettingDoc>('ChannelSetting', settingSchema, 'channel_settings'),
    conversations: connection.model<ConversationDoc>('Conversation', conversationSchema, 'conversations'),
    conversationMessages: connection.model<MessageDoc>(
      'ConversationMessage',
      messageSchema,
      'conversation_messages',
    ),
  };
}
