import type { FlowEdge, FlowGraph, FlowNode } from '@flowdesk/model';
import type { Edge, Node } from '@xyflow/react';

/**
 * The one place that converts between the stored flow and React Flow's nodes and
 * edges. Canvas node `data` is plain data (no callbacks), so it can be compared,
 * copied and serialised; decorations (problems, an execution's path) are drawn
 * from data too and never leak back into the flow.
 */

export const FLOW_NODE_KIND = 'flowNode';

export type NodeStatus = 'none' | 'visited' | 'failed' | 'current';
/** How a node or edge differs between two versions, when a diff is shown. */
export type DiffMark = 'none' | 'added' | 'removed' | 'changed';

/** A step's figures in the analytics overlay (plain data, like the rest of `data`). */
export interface StepAnalytics {
  runs: number;
  failures: number;
  incidents: number;
  /** Seconds; null when the step is not a wait or none finished. */
  medianWaitSeconds: number | null;
  /** Executions that stopped waiting for the customer here; null when the step does not wait for them. */
  dropOff: number | null;
}

/** A line's figures in the analytics overlay. */
export interface EdgeAnalytics {
  count: number;
  /** Of the source step's exits, when it branches; else null. */
  share: number | null;
  /** Stroke width in canvas pixels, by count against the busiest line. */
  width: number;
}

export interface FlowNodeData extends Record<string, unknown> {
  type: string;
  config: Record<string, unknown>;
  label?: string;
  errors: number;
  warnings: number;
  status: NodeStatus;
  diff: DiffMark;
  analytics?: StepAnalytics;
}

export interface FlowEdgeData extends Record<string, unknown> {
  port: string;
  onPath: boolean;
  diff: DiffMark;
  analytics?: EdgeAnalytics;
}

export type CanvasNode = Node<FlowNodeData, typeof FLOW_NODE_KIND>;
export type CanvasEdge = Edge<FlowEdgeData>;

export interface CanvasDecorations {
  problems?: ReadonlyMap<string, { errors: number; warnings: number }>;
  /** Node ids an execution went through, with how each ended. */
  path?: ReadonlyMap<string, NodeStatus>;
  /** Edge ids an execution took. */
  pathEdges?: ReadonlySet<string>;
  /** Nodes and edges marked by a version diff. */
  diff?: ReadonlyMap<string, DiffMark>;
  edgeDiff?: ReadonlyMap<string, DiffMark>;
  /** The analytics overlay: figures per node and per edge id. */
  stepAnalytics?: ReadonlyMap<string, StepAnalytics>;
  edgeAnalytics?: ReadonlyMap<string, EdgeAnalytics>;
  selectedNodes?: ReadonlySet<string>;
  selectedEdges?: ReadonlySet<string>;
  measured?: ReadonlyMap<string, { width: number; height: number }>;
}

export function toCanvasNode(node: FlowNode, decorations: CanvasDecorations = {}): CanvasNode {
  const problems = decorations.problems?.get(node.id);
  const measured = decorations.measured?.get(node.id);
  const analytics = decorations.stepAnalytics?.get(node.id);
  return {
    id: node.id,
    type: FLOW_NODE_KIND,
    position: { x: node.position.x, y: node.position.y },
    selected: decorations.selectedNodes?.has(node.id) ?? false,
    ...(measured ? { measured } : {}),
    data: {
      type: node.type,
      config: node.config,
      ...(node.label === undefined ? {} : { label: node.label }),
      errors: problems?.errors ?? 0,
      warnings: problems?.warnings ?? 0,
      status: decorations.path?.get(node.id) ?? 'none',
      diff: decorations.diff?.get(node.id) ?? 'none',
      ...(analytics ? { analytics } : {}),
    },
  };
}

export function toCanvasEdge(edge: FlowEdge, decorations: CanvasDecorations = {}): CanvasEdge {
  const onPath = decorations.pathEdges?.has(edge.id) ?? false;
  const diff = decorations.edgeDiff?.get(edge.id) ?? 'none';
  const analytics = decorations.edgeAnalytics?.get(edge.id);
  const classes = [onPath ? 'edge-on-path' : '', diff === 'none' ? '' : `edge-${diff}`].filter(Boolean);
  return {
    id: edge.id,
    source: edge.source,
    sourceHandle: edge.sourcePort,
    target: edge.target,
    selected: decorations.selectedEdges?.has(edge.id) ?? false,
    animated: onPath,
    ...(classes.length > 0 ? { className: classes.join(' ') } : {}),
    data: { port: edge.sourcePort, onPath, diff, ...(analytics ? { analytics } : {}) },
  };
}

export function graphToCanvas(
  graph: FlowGraph,
  decorations: CanvasDecorations = {},
): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  return {
    nodes: graph.nodes.map((node) => toCanvasNode(node, decorations)),
    edges: graph.edges.map((edge) => toCanvasEdge(edge, decorations)),
  };
}

/**
 * Remembers the canvas objects made for unchanged flow nodes and edges, so a
 * drag that moves one node hands React Flow the same objects for all others
 * and it re-renders one card instead of hundreds.
 */
export interface CanvasCache {
  nodes: Map<string, { source: FlowNode; key: string; node: CanvasNode }>;
  edges: Map<string, { source: FlowEdge; key: string; edge: CanvasEdge }>;
}

export function createCanvasCache(): CanvasCache {
  return { nodes: new Map(), edges: new Map() };
}

function nodeKey(node: FlowNode, decorations: CanvasDecorations): string {
  const problems = decorations.problems?.get(node.id);
  const size = decorations.measured?.get(node.id);
  return [
    decorations.selectedNodes?.has(node.id) ?? false,
    problems?.errors ?? 0,
    problems?.warnings ?? 0,
    decorations.path?.get(node.id) ?? 'none',
    decorations.diff?.get(node.id) ?? 'none',
    JSON.stringify(decorations.stepAnalytics?.get(node.id) ?? null),
    size ? `${size.width}x${size.height}` : '',
  ].join('|');
}

function edgeKey(edge: FlowEdge, decorations: CanvasDecorations): string {
  return [
    decorations.selectedEdges?.has(edge.id) ?? false,
    decorations.pathEdges?.has(edge.id) ?? false,
    decorations.edgeDiff?.get(edge.id) ?? 'none',
    JSON.stringify(decorations.edgeAnalytics?.get(edge.id) ?? null),
  ].join('|');
}

/** graphToCanvas, reusing the objects of nodes and edges whose flow data and decorations did not change. */
export function graphToCanvasCached(
  cache: CanvasCache,
  graph: FlowGraph,
  decorations: CanvasDecorations = {},
): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  const nodes = graph.nodes.map((node) => {
    const key = nodeKey(node, decorations);
    const cached = cache.nodes.get(node.id);
    if (cached && cached.source === node && cached.key === key) return cached.node;
    const made = toCanvasNode(node, decorations);
    cache.nodes.set(node.id, { source: node, key, node: made });
    return made;
  });
  const edges = graph.edges.map((edge) => {
    const key = edgeKey(edge, decorations);
    const cached = cache.edges.get(edge.id);
    if (cached && cached.source === edge && cached.key === key) return cached.edge;
    const made = toCanvasEdge(edge, decorations);
    cache.edges.set(edge.id, { source: edge, key, edge: made });
    return made;
  });
  if (cache.nodes.size > nodes.length * 2) {
    const live = new Set(graph.nodes.map((node) => node.id));
    for (const id of cache.nodes.keys()) if (!live.has(id)) cache.nodes.delete(id);
  }
  return { nodes, edges };
}

export function fromCanvasNode(node: CanvasNode): FlowNode {
  return {
    id: node.id,
    type: node.data.type,
    config: node.data.config,
    position: { x: node.position.x, y: node.position.y },
    ...(node.data.label === undefined ? {} : { label: node.data.label }),
  };
}

export function fromCanvasEdge(edge: CanvasEdge): FlowEdge {
  return {
    id: edge.id,
    source: edge.source,
    sourcePort: edge.sourceHandle ?? edge.data?.port ?? 'next',
    target: edge.target,
  };
}

export function canvasToGraph(
  nodes: readonly CanvasNode[],
  edges: readonly CanvasEdge[],
  settings: FlowGraph['settings'],
): FlowGraph {
  return { nodes: nodes.map(fromCanvasNode), edges: edges.map(fromCanvasEdge), settings };
}

/** A stable edge id from its ends: connecting the same port to the same node twice is the same edge. */
export function edgeIdFor(source: string, sourcePort: string, target: string): string {
  return `${source}-${sourcePort}-${target}`.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
}

export type MeasuredSizes = Map<string, { width: number; height: number }>;

/**
 * The card sizes after React Flow measured some cards, or null when nothing
 * changed: a card scrolled back into view is measured again, and re-rendering
 * the whole canvas for the same size cost frames while panning.
 */
export function mergeMeasuredSizes(
  measured: MeasuredSizes,
  changes: ReadonlyArray<{ id: string; width: number; height: number }>,
): MeasuredSizes | null {
  let next: MeasuredSizes | null = null;
  for (const change of changes) {
    const known = (next ?? measured).get(change.id);
    if (known?.width === change.width && known.height === change.height) continue;
    next ??= new Map(measured);
    next.set(change.id, { width: change.width, height: change.height });
  }
  return next;
}
