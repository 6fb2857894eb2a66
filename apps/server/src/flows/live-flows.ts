import { type FlowGraph, getNodeType, type LocalizedText } from '@flowdesk/model';
import { orderFlows, type Store } from '@flowdesk/store';
import type { TriggerOfFlow } from './trigger-overlap.ts';

/**
 * The workspace's live flows (on, unarchived, published) as their latest
 * versions, in the order intake tries them. The publish dialog's overlap check
 * and the test run's "all live flows" read them; the runtime keeps its own
 * compiled index (runtime/published-flows.ts) with the same order.
 */

export interface LiveFlowVersion {
  readonly flowId: string;
  readonly name: string;
  readonly version: number;
  readonly graph: FlowGraph;
  /** Null when the trigger is missing or its config does not parse (lint would have refused to publish). */
  readonly trigger: TriggerOfFlow | null;
}

export interface LiveFlowsInOrder {
  readonly live: LiveFlowVersion[];
  /** Where `around` stands among the live flows: how many of them come before it. */
  readonly indexOf: (flowId: string) => number;
}

export function triggerOfGraph(
  flowId: string,
  name: string,
  graph: FlowGraph,
  localizedName?: LocalizedText,
): TriggerOfFlow | null {
  const node = graph.nodes.find((candidate) => getNodeType(candidate.type)?.category === 'trigger');
  const parsed = node ? getNodeType(node.type)?.configSchema.safeParse(node.config) : undefined;
  if (!node || !parsed?.success) return null;
  const config = parsed.data as Record<string, unknown>;
  return { flowId, name, ...(localizedName ? { localizedName } : {}), type: node.type, config };
}

export async function liveFlowsInOrder(store: Store, workspaceId: string): Promise<LiveFlowsInOrder> {
  const ordered = orderFlows(await store.flows.list({ workspaceId }));
  const live: LiveFlowVersion[] = [];
  const before = new Map<string, number>();
  for (const record of ordered) {
    before.set(record.id, live.length);
    if (!record.enabled) continue;
    const latest = await store.versions.latest(record.id);
    if (!latest) continue;
    live.push({
      flowId: record.id,
      name: record.name,
      version: latest.version,
      graph: latest.graph,
      trigger: triggerOfGraph(record.id, record.name, latest.graph, record.localizedName),
    });
  }
  return { live, indexOf: (flowId) => before.get(flowId) ?? live.length };
}
