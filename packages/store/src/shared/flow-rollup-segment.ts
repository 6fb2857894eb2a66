import {
  HANDOFF_NODE_TYPES,
  RESOLVING_STATUSES,
  UPDATE_TICKET_NODE_TYPE,
  WAIT_NODE_TYPES,
  waitBucket,
} from './flow-rollup-rules.ts';

/**
 * The rollup counts executions by the stretch of steps one save appended (a
 * "segment"): most executions of a version take one of a few routes, so a
 * save adds one to one counter row instead of one row per step, which keeps
 * the intake path cheap (BENCHMARKS.md, flow analytics). A segment is JSON:
 * one `[nodeId, port or '', failed 0/1, wait bucket or null]` per step, in
 * step order; SQLite migration 031's backfill writes the same shape.
 */
export type SegmentEntry = [nodeId: string, port: string, failed: 0 | 1, waitBucket: number | null];

export interface SegmentStep {
  seq: number;
  nodeId: string;
  nodeType: string;
  port: string | null;
  input: unknown;
  startedAt: string;
  finishedAt: string;
  failed: boolean;
}

const HANDOFF: readonly string[] = HANDOFF_NODE_TYPES;
const WAITS: readonly string[] = WAIT_NODE_TYPES;
const RESOLVING: readonly string[] = RESOLVING_STATUSES;

export function isHandoffStep(step: Pick<SegmentStep, 'nodeType' | 'failed'>): boolean {
  return !step.failed && HANDOFF.includes(step.nodeType);
}

export function isResolveStep(step: Pick<SegmentStep, 'nodeType' | 'failed' | 'input'>): boolean {
  if (step.failed || step.nodeType !== UPDATE_TICKET_NODE_TYPE) return false;
  const config = (step.input as { config?: { status?: unknown } } | null)?.config;
  return typeof config?.status === 'string' && RESOLVING.includes(config.status);
}

export interface Segment {
  key: string;
  /** The first hand-off and resolving step of the stretch, by seq. */
  handoffSeq: number | null;
  resolveSeq: number | null;
  firstSeq: number;
}

export function segmentOf(steps: readonly SegmentStep[]): Segment {
  let handoffSeq: number | null = null;
  let resolveSeq: number | null = null;
  const entries: SegmentEntry[] = steps.map((step) => {
    if (handoffSeq === null && isHandoffStep(step)) handoffSeq = step.seq;
    if (resolveSeq === null && isResolveStep(step)) resolveSeq = step.seq;
    const waited = !step.failed && WAITS.includes(step.nodeType);
    const seconds = (Date.parse(step.finishedAt) - Date.parse(step.startedAt)) / 1000;
    return [step.nodeId, step.port ?? '', step.failed ? 1 : 0, waited ? waitBucket(seconds) : null];
  });
  return { key: JSON.stringify(entries), handoffSeq, resolveSeq, firstSeq: steps[0]?.seq ?? 1 };
}

/** What one save adds to the execution's outcome counts, given the marks of its earlier steps. */
export function segmentOutcomes(
  segment: Segment,
  earlier: { handoff: boolean; resolve: boolean },
): { handedOff: 0 | 1; autoResolved: 0 | 1 } {
  const handedOff = segment.handoffSeq !== null && !earlier.handoff ? 1 : 0;
  const resolvesFirst =
    segment.resolveSeq !== null &&
    !earlier.resolve &&
    !earlier.handoff &&
    (segment.handoffSeq === null || segment.handoffSeq > segment.resolveSeq);
  return { handedOff, autoResolved: resolvesFirst ? 1 : 0 };
}

/** Parses a stored segment; a row that does not parse counts nothing rather than breaking the overlay. */
export function parseSegment(key: string): SegmentEntry[] {
  try {
    const value: unknown = JSON.parse(key);
    return Array.isArray(value) ? (value as SegmentEntry[]) : [];
  } catch {
    return [];
  }
}
