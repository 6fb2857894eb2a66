import type { FlowGraph } from '@flowdesk/model';
import type { NodeStatus } from '../editor/flow-canvas.ts';

export interface StepLike {
  nodeId: string;
  port: string | null;
  error?: unknown;
}

/** Which nodes and edges an execution went through, from its step log, for highlighting on the canvas. */
export function executionPath(
  graph: FlowGraph,
  steps: readonly StepLike[],
  currentNodeId: string | null,
): { path: Map<string, NodeStatus>; pathEdges: Set<string> } {
  const path = new Map<string, NodeStatus>();
  for (const step of steps) path.set(step.nodeId, step.error ? 'failed' : 'visited');
  if (currentNodeId && !path.has(currentNodeId)) path.set(currentNodeId, 'current');
  else if (currentNodeId && path.get(currentNodeId) !== 'failed') path.set(currentNodeId, 'current');
  const pathEdges = new Set<string>();
  steps.forEach((step, index) => {
    const next = steps[index + 1]?.nodeId ?? currentNodeId;
    if (!step.port || !next) return;
    const edge = graph.edges.find(
      (candidate) =>
        candidate.source === step.nodeId && candidate.sourcePort === step.port && candidate.target === next,
    );
    if (edge) pathEdges.add(edge.id);
  });
  return { path, pathEdges };
}
