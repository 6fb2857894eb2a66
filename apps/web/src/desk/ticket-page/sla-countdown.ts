/**
 * The SLA clocks as the ticket page shows them: for first response and
 * resolution, whether the target is met, running (time left) or overdue (time
 * past), and whether the clock is paused while the ticket waits for the
 * customer. Pure, so the countdown is tested without a clock.
 */

export type SlaClock =
  | { kind: 'none' }
  | { kind: 'done'; at: string }
  | { kind: 'paused'; since: string; leftMs: number }
  | { kind: 'running'; leftMs: number }
  | { kind: 'overdue'; pastMs: number };

export interface SlaTimes {
  dueAt: string | null;
  /** When the target was met: first response given, ticket resolved. */
  doneAt: string | null;
  pausedAt: string | null;
}

export function slaClock(times: SlaTimes, now: number): SlaClock {
  if (times.doneAt) return { kind: 'done', at: times.doneAt };
  if (!times.dueAt) return { kind: 'none' };
  const due = Date.parse(times.dueAt);
  if (times.pausedAt) {
    // While paused the due time moves with the pause, so what was left at the pause stays left.
    return { kind: 'paused', since: times.pausedAt, leftMs: due - Date.parse(times.pausedAt) };
  }
  const left = due - now;
  return left >= 0 ? { kind: 'running', leftMs: left } : { kind: 'overdue', pastMs: -left };
}

/** `2 d 3 h`, `3 h 5 min`, `12 min`, `40 s`: the two largest units a person reads at a glance. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(Math.abs(ms) / 1000));
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  if (minutes > 0) return `${minutes} min`;
  return `${seconds} s`;
}
