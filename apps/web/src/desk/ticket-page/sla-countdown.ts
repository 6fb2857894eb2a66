/**
 * The SLA clocks as the ticket page shows them: for first response and
 * resolution, whether the target is met (and how late), running (time left) or
 * overdue (time past), paused while the ticket waits for the customer, or
 * stopped for good because the ticket is resolved or closed. Pure, so the
 * countdown is tested without a clock. Mirrors the desk's clock
 * (packages/desk/src/sla/sla-clock.ts): a pause and the final stop both set
 * `pausedAt`, and no time counts after it.
 */

export type SlaClock =
  | { kind: 'none' }
  /** The target was reached at `at`; `lateMs` > 0 when that was after its due time. */
  | { kind: 'done'; at: string; lateMs: number }
  /** The ticket finished (closed) before this target was reached; the clock stopped at `at`. */
  | { kind: 'stopped'; at: string; lateMs: number }
  | { kind: 'paused'; since: string; leftMs: number }
  | { kind: 'running'; leftMs: number }
  | { kind: 'overdue'; pastMs: number };

export interface SlaTimes {
  dueAt: string | null;
  /** When the target was met: first response given, ticket resolved. */
  doneAt: string | null;
  /** When the clock was paused (waiting for the customer) or stopped (finished ticket). */
  pausedAt: string | null;
  /** The ticket is resolved or closed: its clocks are stopped, not paused. */
  finished: boolean;
}

export function slaClock(times: SlaTimes, now: number): SlaClock {
  const due = times.dueAt ? Date.parse(times.dueAt) : null;
  // No time counts after a pause or the final stop, so a target reached while paused counts from the pause.
  const lateness = (at: string) => {
    const counted = times.pausedAt && times.pausedAt < at ? times.pausedAt : at;
    return due === null ? 0 : Math.max(0, Date.parse(counted) - due);
  };
  if (times.doneAt) return { kind: 'done', at: times.doneAt, lateMs: lateness(times.doneAt) };
  if (due === null) return { kind: 'none' };
  if (times.finished) {
    const at = times.pausedAt ?? new Date(now).toISOString();
    return { kind: 'stopped', at, lateMs: lateness(at) };
  }
  if (times.pausedAt) {
    // While paused the due time moves with the pause, so what was left at the pause stays left.
    return { kind: 'paused', since: times.pausedAt, leftMs: due - Date.parse(times.pausedAt) };
  }
  const left = due - now;
  return left >= 0 ? { kind: 'running', leftMs: left } : { kind: 'overdue', pastMs: -left };
}

/** The class a clock's line takes: a late or missed target reads like an overdue one. */
export function slaClockTone(clock: SlaClock): string {
  if (clock.kind === 'done' || clock.kind === 'stopped') return clock.lateMs > 0 ? 'overdue' : 'met';
  return clock.kind;
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
