import type {
  WaitSubscription,
  WaitSubscriptionEvent,
  WaitSubscriptionRepository,
} from '../port/wait-subscription.types.ts';
import { normalizeIso } from '../shared/time.ts';
import type { SqliteContext } from './sqlite-context.ts';

interface SubscriptionRow {
  execution_id: string;
  seq: number;
  event: WaitSubscriptionEvent;
  key: string;
  created_at: string;
}

const toSubscription = (row: SubscriptionRow): WaitSubscription => ({
  executionId: row.execution_id,
  seq: row.seq,
  event: row.event,
  key: row.key,
  createdAt: row.created_at,
});

export function createSqliteWaitSubscriptionRepository(ctx: SqliteContext): WaitSubscriptionRepository {
  const { statement, run, atomic } = ctx;
  return {
    replaceFor(executionId, rows) {
      return run(() =>
        atomic(() => {
          statement('DELETE FROM wait_subscriptions WHERE execution_id = ?').run(executionId);
          const insert = statement(
            `INSERT OR IGNORE INTO wait_subscriptions (execution_id, seq, event, key, created_at)
             VALUES (?, ?, ?, ?, ?)`,
          );
          // Rows always belong to the execution being replaced, whatever the caller wrote in them.
          for (const row of rows) {
            insert.run(executionId, row.seq, row.event, row.key, normalizeIso(row.createdAt));
          }
        }),
      );
    },
    find(event, key) {
      return run(() =>
        (
          statement(
            'SELECT * FROM wait_subscriptions WHERE event = ? AND key = ? ORDER BY created_at, execution_id, seq',
          ).all(event, key) as SubscriptionRow[]
        ).map(toSubscription),
      );
    },
    has(event) {
      return run(
        () =>
          (
            statement('SELECT EXISTS (SELECT 1 FROM wait_subscriptions WHERE event = ?) AS found').get(
              event,
            ) as { found: number }
          ).found === 1,
      );
    },
  };
}
