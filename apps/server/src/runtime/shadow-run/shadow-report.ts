import type { SkipReason } from './past-request.ts';
import type { ShadowOutcome } from './shadow-replay.ts';

/**
 * The impact report: the live version and the draft over the same past
 * requests, side by side, and the requests whose outcome changes, grouped by
 * kind of change ("38 requests (7.6 %) would go to the VIP team instead of
 * after-sales"). Pure: the same outcomes give the same report.
 */
export interface OutcomeTotals {
  readonly requests: number;
  readonly started: number;
  /** How many requests took each branch: `nodeId:port` → count. */
  readonly branches: Readonly<Record<string, number>>;
  readonly tickets: number;
  readonly teams: Readonly<Record<string, number>>;
  readonly priorities: Readonly<Record<string, number>>;
  readonly categories: Readonly<Record<string, number>>;
  readonly autoReplies: number;
  readonly handOffs: number;
  readonly slaPolicies: Readonly<Record<string, number>>;
  readonly messages: Readonly<Record<string, number>>;
  /** Requests with at least one failing step, and failing steps by `nodeId:code`. */
  readonly failedRequests: number;
  readonly failures: Readonly<Record<string, number>>;
  /** Steps answered from the original execution's record, and ones that had none. */
  readonly recordedCalls: number;
  readonly notSimulatedCalls: number;
}

export const CHANGE_KINDS = [
  'started',
  'team',
  'priority',
  'category',
  'handling',
  'sla',
  'messages',
  'failures',
  'path',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface Change {
  readonly kind: ChangeKind;
  /** Comparable text of the value on each side (`none` for no value). */
  readonly from: string;
  readonly to: string;
}

export interface ChangeGroup extends Change {
  readonly count: number;
  /** Share of the replayed requests, 0–1. */
  readonly share: number;
  readonly executionIds: readonly string[];
}

export interface ReplayedRequest {
  readonly executionId: string;
  readonly startedAt: string;
  readonly live: ShadowOutcome;
  readonly draft: ShadowOutcome;
}

export interface SkippedRequest {
  readonly executionId: string;
  readonly reason: SkipReason;
  /** The trigger type for `trigger_not_replayed`, the parse problem for `state_unreadable`. */
  readonly detail: string;
}

export interface ImpactReport {
  readonly replayed: number;
  readonly skipped: readonly SkippedRequest[];
  /** How many were not replayed, per reason (and per trigger type for `trigger_not_replayed`: `reason:trigger`). */
  readonly skippedBy: Readonly<Record<string, number>>;
  readonly live: OutcomeTotals;
  readonly draft: OutcomeTotals;
  readonly changedCount: number;
  readonly groups: readonly ChangeGroup[];
}

const NONE = 'none';

function bump(counts: Record<string, number>, key: string, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by;
}

/** Keys in a fixed order, so two runs serialize identically. */
function sorted(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function totalsOf(outcomes: readonly ShadowOutcome[]): OutcomeTotals {
  const branches: Record<string, number> = {};
  const teams: Record<string, number> = {};
  const priorities: Record<string, number> = {};
  const categories: Record<string, number> = {};
  const slaPolicies: Record<string, number> = {};
  const messages: Record<string, number> = {};
  const failures: Record<string, number> = {};
  let started = 0;
  let tickets = 0;
  let autoReplies = 0;
  let handOffs = 0;
  let failedRequests = 0;
  let recordedCalls = 0;
  let notSimulatedCalls = 0;
  for (const outcome of outcomes) {
    if (outcome.status !== 'not_started') started += 1;
    for (const step of outcome.steps) {
      if (step.port !== undefined) bump(branches, `${step.nodeId}:${step.port}`);
    }
    if (outcome.ticket) {
      tickets += 1;
      bump(teams, outcome.ticket.team ?? NONE);
      bump(priorities, outcome.ticket.priority ?? NONE);
      bump(categories, outcome.ticket.category ?? NONE);
      bump(slaPolicies, outcome.slaPolicy ?? NONE);
    }
    if (outcome.handling === 'auto_reply') autoReplies += 1;
    if (outcome.handling === 'hand_off') handOffs += 1;
    for (const [channel, count] of Object.entries(outcome.messages)) bump(messages, channel, count);
    if (outcome.failures.length > 0) failedRequests += 1;
    for (const failure of outcome.failures) bump(failures, `${failure.nodeId}:${failure.code}`);
    recordedCalls += outcome.recorded.length;
    notSimulatedCalls += outcome.notSimulated.length;
  }
  return {
    requests: outcomes.length,
    started,
    branches: sorted(branches),
    tickets,
    teams: sorted(teams),
    priorities: sorted(priorities),
    categories: sorted(categories),
    autoReplies,
    handOffs,
    slaPolicies: sorted(slaPolicies),
    messages: sorted(messages),
    failedRequests,
    failures: sorted(failures),
    recordedCalls,
    notSimulatedCalls,
  };
}

const messagesText = (messages: Readonly<Record<string, number>>): string => {
  const entries = Object.entries(sorted({ ...messages }));
  return entries.length === 0 ? NONE : entries.map(([channel, count]) => `${channel}×${count}`).join(', ');
};

const failuresText = (outcome: ShadowOutcome): string =>
  outcome.failures.length === 0
    ? NONE
    : outcome.failures.map((failure) => `${failure.nodeId}:${failure.code}`).join(', ');

/** What differs for one request, most telling first; a path change alone counts when nothing else does. */
export function changesOf(live: ShadowOutcome, draft: ShadowOutcome): Change[] {
  const sides: [ChangeKind, (outcome: ShadowOutcome) => string][] = [
    ['started', (outcome) => (outcome.status === 'not_started' ? 'not_started' : 'started')],
    ['team', (outcome) => (outcome.ticket ? (outcome.ticket.team ?? NONE) : 'no_ticket')],
    ['priority', (outcome) => outcome.ticket?.priority ?? NONE],
    ['category', (outcome) => outcome.ticket?.category ?? NONE],
    ['handling', (outcome) => outcome.handling],
    ['sla', (outcome) => outcome.slaPolicy ?? NONE],
    ['messages', (outcome) => messagesText(outcome.messages)],
    ['failures', failuresText],
  ];
  const changes = sides.flatMap(([kind, read]): Change[] => {
    const from = read(live);
    const to = read(draft);
    return from === to ? [] : [{ kind, from, to }];
  });
  if (changes.length === 0 && live.path.join('>') !== draft.path.join('>')) {
    changes.push({ kind: 'path', from: live.path.join(' → ') || NONE, to: draft.path.join(' → ') || NONE });
  }
  return changes;
}

export function impactReport(
  replayed: readonly ReplayedRequest[],
  skipped: readonly SkippedRequest[] = [],
): ImpactReport {
  const groups = new Map<string, { change: Change; executionIds: string[] }>();
  let changedCount = 0;
  for (const request of replayed) {
    const changes = changesOf(request.live, request.draft);
    if (changes.length > 0) changedCount += 1;
    for (const change of changes) {
      const key = `${change.kind}\u0000${change.from}\u0000${change.to}`;
      const group = groups.get(key) ?? { change, executionIds: [] };
      group.executionIds.push(request.executionId);
      groups.set(key, group);
    }
  }
  const total = replayed.length;
  const ordered = [...groups.values()]
    .map(
      ({ change, executionIds }): ChangeGroup => ({
        ...change,
        count: executionIds.length,
        share: total === 0 ? 0 : executionIds.length / total,
        executionIds,
      }),
    )
    .sort(
      (a, b) =>
        b.count - a.count ||
        CHANGE_KINDS.indexOf(a.kind) - CHANGE_KINDS.indexOf(b.kind) ||
        (a.from + a.to < b.from + b.to ? -1 : 1),
    );
  const skippedBy: Record<string, number> = {};
  for (const skip of skipped) {
    bump(skippedBy, skip.reason === 'trigger_not_replayed' ? `${skip.reason}:${skip.detail}` : skip.reason);
  }
  return {
    replayed: total,
    skipped,
    skippedBy: sorted(skippedBy),
    live: totalsOf(replayed.map((request) => request.live)),
    draft: totalsOf(replayed.map((request) => request.draft)),
    changedCount,
    groups: ordered,
  };
}
