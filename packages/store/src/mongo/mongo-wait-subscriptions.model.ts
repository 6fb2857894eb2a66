import { type Connection, type Model, Schema } from 'mongoose';
import type { WaitSubscription } from '../port/wait-subscription.types.ts';

/** Executions waiting for a ticket event, mirroring SQLite migration 11. */
export type SubscriptionDoc = WaitSubscription & { _id: string };

const str = { type: String, required: true } as const;

const subscriptionSchema = new Schema<SubscriptionDoc>(
  {
    _id: str,
    executionId: str,
    seq: { type: Number, required: true },
    event: str,
    key: str,
    createdAt: str,
  },
  { versionKey: false, minimize: false, strict: true },
);
subscriptionSchema.index({ executionId: 1 });
subscriptionSchema.index({ event: 1, key: 1, createdAt: 1 });

export interface MongoWaitSubscriptionModels {
  waitSubscriptions: Model<SubscriptionDoc>;
}

/** Called by the model registry (mongo-models.ts) only. */
export function createMongoWaitSubscriptionModels(connection: Connection): MongoWaitSubscriptionModels {
  return {
    waitSubscriptions: connection.model<SubscriptionDoc>(
      'WaitSubscription',
      subscriptionSchema,
      'wait_subscriptions',
    ),
  };
}
