import type { FlowEdge, FlowGraph, FlowNode } from '@flowdesk/model';
import type { DiffMark } from '../editor/flow-canvas.ts';

/**
 * One graph to draw a version diff on: the newer graph plus what the older one
 * had and the newer lost, each node and edge marked added, removed or changed.
 * The shape is what `versions.diff` answers (declared here because the web app
 * imports only the router's type).
 */

export interface ValueChangeLike {
  path: string;
  before?: unknown;
  after?: unknown;
}

export interface FlowDiffLike {
  nodes: {
    added: FlowNode[];
    removed: FlowNode[];
    changed: Array<{ nodeId: string; type?: unknown; label?: unknown; config: ValueChangeLike[] }>;
  };
  edges: { added: FlowEdge[]; removed: FlowEdge[] };
}

const sameConnection = (a: FlowEdge, b: FlowEdge) =>
  a.source === b.source && a.sourcePort === b.sourcePort && a.target === b.target;

export function diffGraph(
  from: FlowGraph,
  to: FlowGraph,
  diff: FlowDiffLike,
): { graph: FlowGraph; nodes: Map<string, DiffMark>; edges: Map<string, DiffMark> } {
  const nodes = new Map<string, DiffMark>();
  for (const node of diff.nodes.added) nodes.set(node.id, 'added');
  for (const node of diff.nodes.removed) nodes.set(node.id, 'removed');
  // Moving a card is not a change worth reviewing; type, label and config are.
  for (const change of diff.nodes.changed) {
    if (change.type || change.label || change.config.length > 0) nodes.set(change.nodeId, 'changed');
  }
  const edges = new Map<string, DiffMark>();
  for (const added of diff.edges.added) {
    const edge = to.edges.find((candidate) => sameConnection(candidate, added));
    if (edge) edges.set(edge.id, 'added');
  }
  const removedEdges = diff.edges.removed.map((edge) => ({ ...edge, id: `removed-${edge.id}`.slice(0, 64) }));
  for (const edge of removedEdges) edges.set(edge.id, 'removed');
  const removedNodes = from.nodes.filter((node) => nodes.get(node.id) === 'removed');
  return {
    graph: { ...to, nodes: [...to.nodes, ...removedNodes], edges: [...to.edges, ...removedEdges] },
    nodes,
    edges,
  };
}

/** A config value as a short line: `"urgent"`, `3`, `["a","b"]`, or an em dash for nothing. */
export function formatValue(value: unknown): string {
  if (value === undefined) return '—';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
