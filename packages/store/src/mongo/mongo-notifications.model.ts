import { type Connection, type Model, Schema } from 'mongoose';
import type { InAppMessage, MessageTemplate } from '../port/notification.types.ts';
import type { Survey } from '../port/survey.types.ts';

/** Documents store the port's records with `_id` for `id`; see notification.types.ts and survey.types.ts. */
export type Doc<T extends { id: string }> = Omit<T, 'id'> & { _id: string };

const options = { versionKey: false, minimize: false, strict: false } as const;

const inAppSchema = new Schema<Doc<InAppMessage>>({ _id: String }, options);
inAppSchema.index({ recipientKind: 1, recipientId: 1, createdAt: -1 });
inAppSchema.index(
  { idempotencyKey: 1 },
  { unique: true, partialFilterExpression: { idempotencyKey: { $type: 'string' } } },
);
const templateSchema = new Schema<Doc<MessageTemplate>>({ _id: String }, options);
templateSchema.index({ workspaceId: 1, name: 1 });
const surveySchema = new Schema<Doc<Survey>>({ _id: String }, options);
surveySchema.index({ tokenHash: 1 }, { unique: true });
surveySchema.index({ ticketId: 1 });
// Survey results and the quality-review queue: answers of a workspace by time, newest first (SQLite 026).
surveySchema.index({ workspaceId: 1, answeredAt: -1, _id: -1 });

export interface NotificationModels {
  inAppMessages: Model<Doc<InAppMessage>>;
  messageTemplates: Model<Doc<MessageTemplate>>;
  surveys: Model<Doc<Survey>>;
}

/** Called by the model registry (mongo-models.ts) only. */
export function createMongoNotificationModels(connection: Connection): NotificationModels {
  return {
    inAppMessages: connection.model<Doc<InAppMessage>>('InAppMessage', inAppSchema, 'in_app_messages'),
    messageTemplates: connection.model<Doc<MessageTemplate>>(
      'MessageTemplate',
      templateSchema,
      'message_templates',
    ),
    surveys: connection.model<Doc<Survey>>('Survey', surveySchema, 'surveys'),
  };
}
