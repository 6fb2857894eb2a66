import { Graph, layout } from '@dagrejs/dagre';
import type { FlowGraph } from '@flowdesk/model';

/** Cards are about this big before React Flow has measured them. */
const DEFAULT_SIZE = { width: 240, height: 110 };

/** Tidy left-to-right positions for every node (dagre); the caller applies them as one undoable move. */
export function autoLayout(
  graph: FlowGraph,
  sizes: ReadonlyMap<string, { width: number; height: number }> = new Map(),
): Array<{ id: string; x: number; y: number }> {
  const layoutGraph = new Graph();
  layoutGraph.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 90 });
  layoutGraph.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) layoutGraph.setNode(node.id, { ...(sizes.get(node.id) ?? DEFAULT_SIZE) });
  for (const edge of graph.edges) layoutGraph.setEdge(edge.source, edge.target);
  layout(layoutGraph);
  return graph.nodes.map((node) => {
    const placed = layoutGraph.node(node.id);
    const size = sizes.get(node.id) ?? DEFAULT_SIZE;
    // dagre gives centres; React Flow positions are top-left corners. Snap to the 16-px grid.
    const snap = (value: number) => Math.round(value / 16) * 16;
    return { id: node.id, x: snap(placed.x - size.width / 2), y: snap(placed.y - size.height / 2) };
  });
}
