import type {
  WaitSubscription,
  WaitSubscriptionEvent,
  WaitSubscriptionRepository,
} from '../port/wait-subscription.types.ts';
import { normalizeIso } from '../shared/time.ts';
import type { MongoContext } from './mongo-context.ts';
import type { SubscriptionDoc } from './mongo-wait-subscriptions.model.ts';

/** One document per (execution, seq, event, key), like SQLite's primary key. */
function docId(executionId: string, row: WaitSubscription): string {
  return JSON.stringify([executionId, row.seq, row.event, row.key]);
}

export function createMongoWaitSubscriptionRepository(ctx: MongoContext): WaitSubscriptionRepository {
  const subscriptions = ctx.models.waitSubscriptions;
  return {
    replaceFor: (executionId, rows) =>
      ctx.atomic(async (session) => {
        await subscriptions.deleteMany({ executionId }).session(session).exec();
        const docs = new Map<string, SubscriptionDoc>();
        for (const row of rows) {
          const id = docId(executionId, row);
          docs.set(id, { ...row, _id: id, executionId, createdAt: normalizeIso(row.createdAt) });
        }
        if (docs.size > 0) await subscriptions.insertMany([...docs.values()], { session });
      }),
    async find(event: WaitSubscriptionEvent, key: string) {
      const docs = await subscriptions
        .find({ event, key })
        .sort({ createdAt: 1, executionId: 1, seq: 1 })
        .session(ctx.session ?? null)
        .lean<SubscriptionDoc[]>()
        .exec();
      return docs.map(({ _id, ...rest }) => rest);
    },
    async has(event: WaitSubscriptionEvent) {
      const found = await subscriptions
        .exists({ event })
        .session(ctx.session ?? null)
        .exec();
      return found !== null;
    },
  };
}
