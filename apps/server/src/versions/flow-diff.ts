import type { FlowEdge, FlowGraph, FlowNode } from '@flowdesk/model';

/**
 * What changed between two graphs, in the terms the editor shows: nodes added,
 * removed or changed (type, label, position, and each config value by path), and
 * connections added or removed. Pure, so it is cheap to test and to reuse.
 */

export interface ValueChange {
  /** `cases[1].value`, the same path style lint uses for config fields. */
  path: string;
  /** Absent when the value did not exist on that side. */
  before?: unknown;
  after?: unknown;
}

export interface Change<T> {
  before: T;
  after: T;
}

export interface NodeChange {
  nodeId: string;
  type?: Change<string>;
  label?: Change<string | undefined>;
  position?: Change<FlowNode['position']>;
  config: ValueChange[];
}

export interface FlowDiff {
  nodes: { added: FlowNode[]; removed: FlowNode[]; changed: NodeChange[] };
  /** Compared by what they connect (source, port, target), not by id: re-drawing a line is no change. */
  edges: { added: FlowEdge[]; removed: FlowEdge[] };
  settings: ValueChange[];
  /** True when nothing at all differs. */
  identical: boolean;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base === '' ? key : `${base}.${key}`;
}

function change(path: string, before: unknown, after: unknown): ValueChange {
  return {
    path,
    ...(before === undefined ? {} : { before }),
    ...(after === undefined ? {} : { after }),
  };
}

/** Every leaf that differs, recursing into objects and arrays (arrays by index). */
export function diffValues(before: unknown, after: unknown, path = ''): ValueChange[] {
  if (Object.is(before, after)) return [];
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => diffValues(before[key], after[key], joinPath(path, key)));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, index) =>
      diffValues(before[index], after[index], joinPath(path, index)),
    ).flat();
  }
  return [change(path, before, after)];
}

function diffNode(before: FlowNode, after: FlowNode): NodeChange | undefined {
  const result: NodeChange = { nodeId: after.id, config: diffValues(before.config, after.config) };
  if (before.type !== after.type) result.type = { before: before.type, after: after.type };
  if (before.label !== after.label) result.label = { before: before.label, after: after.label };
  if (before.position.x !== after.position.x || before.position.y !== after.position.y) {
    result.position = { before: before.position, after: after.position };
  }
  const changed = result.type || result.label !== undefined || result.position || result.config.length > 0;
  return changed ? result : undefined;
}

const edgeKey = (edge: FlowEdge) => `${edge.source}\u0000${edge.sourcePort}\u0000${edge.target}`;

export function diffFlows(from: FlowGraph, to: FlowGraph): FlowDiff {
  const fromNodes = new Map(from.nodes.map((node) => [node.id, node]));
  const toNodes = new Map(to.nodes.map((node) => [node.id, node]));
  const added = to.nodes.filter((node) => !fromNodes.has(node.id));
  const removed = from.nodes.filter((node) => !toNodes.has(node.id));
  const changed = to.nodes.flatMap((node) => {
    const previous = fromNodes.get(node.id);
    const nodeChange = previous ? diffNode(previous, node) : undefined;
    return nodeChange ? [nodeChange] : [];
  });

  const fromEdges = new Set(from.edges.map(edgeKey));
  const toEdges = new Set(to.edges.map(edgeKey));
  const edges = {
    added: to.edges.filter((edge) => !fromEdges.has(edgeKey(edge))),
    removed: from.edges.filter((edge) => !toEdges.has(edgeKey(edge))),
  };
  const settings = diffValues(from.settings, to.settings);
  const identical =
    added.length +
      removed.length +
      changed.length +
      edges.added.length +
      edges.removed.length +
      settings.length ===
    0;
  return { nodes: { added, removed, changed }, edges, settings, identical };
}
