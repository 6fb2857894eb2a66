import type { LocalizedText } from '@flowdesk/model';
import type { ShadowOutcome } from './shadow-replay.ts';
import type { ImpactReport, ReplayedRequest } from './shadow-report.ts';
import type { ShadowSelection } from './shadow-run.ts';

/**
 * The report a shadow run stores when it ends (so one can go with the version
 * it justified): what was compared, what it covers, the report, and the traces
 * of changed requests, trimmed to what the side-by-side view shows.
 */

/** At most this many changed requests keep their traces in the stored report. */
const MAX_TRACES = 200;

export interface ShadowTrace {
  readonly executionId: string;
  readonly startedAt: string;
  readonly live: TraceSide;
  readonly draft: TraceSide;
}

export type TraceSide = Omit<ShadowOutcome, 'steps' | 'effects'> & {
  readonly steps: { nodeId: string; nodeType: string; port: string | null; error: string | null }[];
  readonly effects: { nodeId: string; kind: string; summary: string }[];
};

export interface ShadowCoverage {
  readonly found: number;
  readonly from: string | null;
  readonly to: string | null;
  readonly cancelled: boolean;
}

export interface StoredShadowReport {
  readonly selection: ShadowSelection;
  readonly coverage: ShadowCoverage;
  readonly report: ImpactReport;
  readonly traces: readonly ShadowTrace[];
  /** Team ids → names, so groups read "VIP team" instead of an id. */
  readonly teamNames: Readonly<Record<string, LocalizedText>>;
}

function traceSide(outcome: ShadowOutcome): TraceSide {
  const { steps, effects, ...rest } = outcome;
  return {
    ...rest,
    steps: steps.map((step) => ({
      nodeId: step.nodeId,
      nodeType: step.nodeType,
      port: step.port ?? null,
      error: step.error?.code ?? null,
    })),
    effects: effects.map((effect) => ({ nodeId: effect.nodeId, kind: effect.kind, summary: effect.summary })),
  };
}

export function tracesOf(report: ImpactReport, requests: readonly ReplayedRequest[]): ShadowTrace[] {
  // Every group gets its first requests' traces before any group gets more.
  const wanted = new Set<string>();
  for (let round = 0; wanted.size < MAX_TRACES && round < MAX_TRACES; round++) {
    let added = false;
    for (const group of report.groups) {
      const id = group.executionIds[round];
      if (id !== undefined && wanted.size < MAX_TRACES) {
        wanted.add(id);
        added = true;
      }
    }
    if (!added) break;
  }
  return requests
    .filter((request) => wanted.has(request.executionId))
    .map((request) => ({
      executionId: request.executionId,
      startedAt: request.startedAt,
      live: traceSide(request.live),
      draft: traceSide(request.draft),
    }));
}
