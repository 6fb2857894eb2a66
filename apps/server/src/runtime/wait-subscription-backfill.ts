import type { Store } from '@flowdesk/store';
import type { Logger } from '../app-deps.ts';
import { loadExecution, reportUnreadable } from './load-execution.ts';
import { ticketWaitSubscription } from './ticket-wait-subscription.ts';

/** Set once the pass has run against this database; every later start skips it. */
export const WAIT_SUBSCRIPTION_BACKFILL = 'backfill:wait-subscriptions';
const PAGE = 200;

/**
 * Executions that began waiting for a customer reply or a ticket status
 * before the wait index existed (SQLite migration 11) have no row in it, so
 * the event would never find them and only their timeout would fire. This
 * pass, run once per database at start-up, writes their rows from the saved
 * state. Each execution is re-read and indexed in one transaction, so one that
 * moved on meanwhile is left alone; running it in two processes at once, or
 * again after a crash half-way, writes the same rows. Returns how many it wrote.
 */
export async function backfillWaitSubscriptions(store: Store, log: Logger): Promise<number> {
  if ((await store.counters.current(WAIT_SUBSCRIPTION_BACKFILL)) > 0) return 0;
  let written = 0;
  let cursor: string | undefined;
  do {
    const page = await store.executions.list({
      status: 'waiting',
      limit: PAGE,
      ...(cursor ? { cursor } : {}),
    });
    for (const summary of page.items) {
      const indexed = await store.transaction(async (tx) => {
        const record = await tx.executions.get(summary.id);
        const loaded = record ? loadExecution(record) : null;
        if (loaded && !loaded.ok) reportUnreadable(log, loaded, 'wait subscription backfill');
        // An unreadable one is not indexed: the next answer to it (its timeout, a retry) marks it failed.
        const subscription = loaded?.ok ? ticketWaitSubscription(loaded.state) : null;
        if (!subscription) return false;
        await tx.waitSubscriptions.replaceFor(subscription.executionId, [subscription]);
        return true;
      });
      if (indexed) written += 1;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  await store.counters.next(WAIT_SUBSCRIPTION_BACKFILL);
  if (written > 0) log.info('Indexed executions waiting for ticket events', { executions: written });
  return written;
}
