/**
 * What the flow analytics rollup counts (issue 14, item 3), in one place for
 * SQLite migration 031's triggers and backfill and the Mongo adapter.
 * Everything is keyed by the UTC hour of the execution's start, so a date range
 * always looks at the same executions whatever step they are on now, and the
 * server can cut the workspace's local days out of whole hours.
 */

/** Steps that hand the request to people: the flow's "sent to a person". */
export const HANDOFF_NODE_TYPES = ['action.assign', 'action.escalate'] as const;
/** Steps whose time is a wait, summed up as a histogram for the median. */
export const WAIT_NODE_TYPES = ['timing.wait', 'timing.wait_for_event', 'timing.ask_approval'] as const;
/** An "Update ticket" step that sets one of these closes the request. */
export const RESOLVING_STATUSES = ['resolved', 'closed'] as const;
export const UPDATE_TICKET_NODE_TYPE = 'action.update_ticket';

/**
 * Wait times go into buckets a quarter of a doubling wide: bucket 0 is under
 * one second, bucket b ≥ 1 holds [2^((b-1)/4), 2^(b/4)) seconds. A median read
 * from them is off by at most 9 %, and a year of one wait step is a few dozen rows.
 */
export function waitBucket(seconds: number): number {
  return seconds < 1 ? 0 : Math.floor(4 * Math.log2(seconds)) + 1;
}

/** The bucket's middle (geometric), in seconds. */
export function waitBucketSeconds(bucket: number): number {
  return bucket <= 0 ? 0.5 : 2 ** ((bucket - 0.5) / 4);
}

/** `'a', 'b'` for an SQL IN list of fixed, known names (never user input). */
export function sqlList(values: readonly string[]): string {
  return values.map((value) => `'${value}'`).join(', ');
}

/** The rollup's key of an instant: its UTC hour, 'YYYY-MM-DDTHH'. */
export function rollupHour(instant: string): string {
  return new Date(instant).toISOString().slice(0, 13);
}

/**
 * The start instants [from, to) a query covers, cut down to whole UTC hours
 * (the rollup's grain) so every adapter counts the same executions: exact for
 * every zone whose offset is whole hours; a half-hour zone's day starts up to
 * 45 minutes early.
 */
export function rollupHourRange(
  from: string,
  to: string,
): { fromHour: string; toHour: string; from: string; to: string } {
  const fromHour = rollupHour(from);
  const toHour = rollupHour(to);
  return { fromHour, toHour, from: `${fromHour}:00:00.000Z`, to: `${toHour}:00:00.000Z` };
}
