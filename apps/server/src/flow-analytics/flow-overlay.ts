import type { FlowGraph } from '@flowdesk/model';
import { type FlowRollup, waitBucketSeconds } from '@flowdesk/store';

/**
 * The flow analytics overlay's figures for one published version (issue 14,
 * item 3), computed from the store's rollup of its executions and the
 * version's graph. Counts are of executions started in the range.
 */

/** One line of the canvas: how often executions went along it. */
export interface EdgeFigure {
  edgeId: string;
  source: string;
  sourcePort: string;
  target: string;
  /** Traversals (an execution looping through a wait counts each time). */
  count: number;
  /** count / every exit of the source step, when the source branches (several ports); else null. */
  share: number | null;
}

/** Executions that stopped while the step waited for the customer. */
export interface DropOff {
  /** Waited past the step's timeout (left by its `timeout` port). */
  timedOut: number;
  cancelled: number;
  /** Still waiting now. */
  waiting: number;
  total: number;
}

export interface StepFigure {
  nodeId: string;
  nodeType: string;
  runs: number;
  /** Runs that recorded an error (some went on by an error port). */
  failures: number;
  /** Executions that failed at this step and hold an incident. */
  incidents: number;
  /** Median time of the finished waits, in seconds (within 9 %); null for a step that is not a wait or never finished one. */
  medianWaitSeconds: number | null;
  /** For a step that waits for the customer (reply or survey answer); else null. */
  dropOff: DropOff | null;
}

export interface OutcomeFigures {
  /** Executions started in the range (runs of the trigger). */
  started: number;
  ticketsCreated: number;
  handedOff: number;
  /** handedOff / started, null with no execution. */
  handOffShare: number | null;
  autoResolved: number;
  autoResolvedShare: number | null;
  failed: number;
  failedShare: number | null;
  /** Mean score of the answered CSAT surveys these executions sent (1–5), null without answers. */
  csatMean: number | null;
  csatAnswers: number;
}

export interface VersionOverlay {
  version: number;
  edges: EdgeFigure[];
  steps: StepFigure[];
  outcomes: OutcomeFigures;
}

const CUSTOMER_EVENTS = new Set(['customer_reply', 'survey_answer']);

function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

function medianOfBuckets(buckets: ReadonlyArray<{ bucket: number; count: number }>): number | null {
  const total = buckets.reduce((sum, entry) => sum + entry.count, 0);
  if (total === 0) return null;
  let seen = 0;
  for (const entry of [...buckets].sort((a, b) => a.bucket - b.bucket)) {
    seen += entry.count;
    if (seen * 2 >= total) return waitBucketSeconds(entry.bucket);
  }
  return null;
}

function waitsForCustomer(node: FlowGraph['nodes'][number]): boolean {
  const event = (node.config as { event?: unknown }).event;
  return node.type === 'timing.wait_for_event' && typeof event === 'string' && CUSTOMER_EVENTS.has(event);
}

export function versionOverlay(version: number, graph: FlowGraph, rollup: FlowRollup): VersionOverlay {
  const exitsOf = new Map<string, Map<string | null, { runs: number; failures: number }>>();
  for (const exit of rollup.exits) {
    const ports = exitsOf.get(exit.nodeId) ?? new Map();
    ports.set(exit.port, { runs: exit.runs, failures: exit.failures });
    exitsOf.set(exit.nodeId, ports);
  }
  const runsOf = (nodeId: string, port?: string | null) => {
    const ports = exitsOf.get(nodeId);
    if (!ports) return { runs: 0, failures: 0 };
    if (port !== undefined) return ports.get(port) ?? { runs: 0, failures: 0 };
    let runs = 0;
    let failures = 0;
    for (const entry of ports.values()) {
      runs += entry.runs;
      failures += entry.failures;
    }
    return { runs, failures };
  };
  const portsLeaving = new Map<string, Set<string>>();
  for (const edge of graph.edges) {
    const ports = portsLeaving.get(edge.source) ?? new Set<string>();
    ports.add(edge.sourcePort);
    portsLeaving.set(edge.source, ports);
  }
  const edges: EdgeFigure[] = graph.edges.map((edge) => {
    const count = runsOf(edge.source, edge.sourcePort).runs;
    const branches = (portsLeaving.get(edge.source)?.size ?? 0) > 1;
    return {
      edgeId: edge.id,
      source: edge.source,
      sourcePort: edge.sourcePort,
      target: edge.target,
      count,
      share: branches ? share(count, runsOf(edge.source).runs) : null,
    };
  });
  const stoppedAt = (nodeId: string, status: 'waiting' | 'cancelled' | 'failed') =>
    rollup.stopped
      .filter((entry) => entry.nodeId === nodeId && entry.status === status)
      .reduce((sum, entry) => sum + entry.count, 0);
  const steps: StepFigure[] = graph.nodes.map((node) => {
    const { runs, failures } = runsOf(node.id);
    const waits = rollup.waits.filter((entry) => entry.nodeId === node.id);
    let dropOff: DropOff | null = null;
    if (waitsForCustomer(node)) {
      const timedOut = runsOf(node.id, 'timeout').runs;
      const cancelled = stoppedAt(node.id, 'cancelled');
      const waiting = stoppedAt(node.id, 'waiting');
      dropOff = { timedOut, cancelled, waiting, total: timedOut + cancelled + waiting };
    }
    return {
      nodeId: node.id,
      nodeType: node.type,
      runs,
      failures,
      incidents: stoppedAt(node.id, 'failed'),
      medianWaitSeconds: medianOfBuckets(waits),
      dropOff,
    };
  });
  const started = graph.nodes
    .filter((node) => node.type.startsWith('trigger.'))
    .reduce((sum, node) => sum + runsOf(node.id).runs, 0);
  const ticketsCreated = graph.nodes
    .filter((node) => node.type === 'action.create_ticket')
    .reduce((sum, node) => {
      const { runs, failures } = runsOf(node.id);
      return sum + runs - failures;
    }, 0);
  const failed = rollup.stopped
    .filter((entry) => entry.status === 'failed')
    .reduce((sum, entry) => sum + entry.count, 0);
  const { handedOff, autoResolved, csatSum, csatCount } = rollup.outcomes;
  return {
    version,
    edges,
    steps,
    outcomes: {
      started,
      ticketsCreated,
      handedOff,
      handOffShare: share(handedOff, started),
      autoResolved,
      autoResolvedShare: share(autoResolved, started),
      failed,
      failedShare: share(failed, started),
      csatMean: csatCount > 0 ? csatSum / csatCount : null,
      csatAnswers: csatCount,
    },
  };
}
