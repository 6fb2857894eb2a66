import type { FlowEdge, FlowGraph, FlowNode } from '@flowdesk/model';

/**
 * The editor's state and the only ways it changes. Every edit is a `FlowChange`
 * (data, like React Flow's NodeChange) applied by a pure function, so undo/redo
 * is a stack of earlier graphs and tests need no DOM.
 */

export interface Selection {
  readonly nodes: readonly string[];
  readonly edges: readonly string[];
}

export interface EditorState {
  readonly graph: FlowGraph;
  readonly selection: Selection;
}

export type FlowChange =
  | { kind: 'add'; nodes: FlowNode[]; edges: FlowEdge[] }
  | { kind: 'remove'; nodeIds: string[]; edgeIds: string[] }
  /** `transient` while dragging: shown at once, recorded in history only by the final move. */
  | { kind: 'move'; positions: Array<{ id: string; x: number; y: number }>; transient?: boolean }
  | { kind: 'connect'; edge: FlowEdge }
  /** A new step wired in as one undo step: the lines it replaces (a split line) go, its own lines come. */
  | { kind: 'insert'; node: FlowNode; edges: FlowEdge[]; removedEdgeIds: string[] }
  | { kind: 'set_config'; nodeId: string; config: Record<string, unknown> }
  | { kind: 'set_label'; nodeId: string; label: string }
  | { kind: 'replace'; graph: FlowGraph };

export type EditorAction =
  | { kind: 'change'; change: FlowChange }
  | { kind: 'select'; selection: Selection }
  | { kind: 'undo' }
  | { kind: 'redo' }
  /** A graph loaded from the server (first load, reload after a conflict): history starts over. */
  | { kind: 'load'; graph: FlowGraph };

export interface EditorHistory {
  readonly past: readonly FlowGraph[];
  readonly present: EditorState;
  readonly future: readonly FlowGraph[];
  /** The graph before a drag began, so the whole drag is one undo step. */
  readonly dragStart?: FlowGraph;
}

export const HISTORY_LIMIT = 100;
const EMPTY_SELECTION: Selection = { nodes: [], edges: [] };

export function createHistory(graph: FlowGraph): EditorHistory {
  return { past: [], present: { graph, selection: EMPTY_SELECTION }, future: [] };
}

function removeFromGraph(
  graph: FlowGraph,
  nodeIds: readonly string[],
  edgeIds: readonly string[],
): FlowGraph {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  return {
    ...graph,
    nodes: graph.nodes.filter((node) => !nodes.has(node.id)),
    edges: graph.edges.filter(
      (edge) => !edges.has(edge.id) && !nodes.has(edge.source) && !nodes.has(edge.target),
    ),
  };
}

function updateNode(graph: FlowGraph, nodeId: string, update: (node: FlowNode) => FlowNode): FlowGraph {
  return { ...graph, nodes: graph.nodes.map((node) => (node.id === nodeId ? update(node) : node)) };
}

/** The graph after one change. Unknown ids are ignored: a change never throws. */
export function applyChange(graph: FlowGraph, change: FlowChange): FlowGraph {
  switch (change.kind) {
    case 'add': {
      const taken = new Set(graph.nodes.map((node) => node.id));
      const nodes = change.nodes.filter((node) => !taken.has(node.id));
      const ids = new Set([...taken, ...nodes.map((node) => node.id)]);
      const edgeIds = new Set(graph.edges.map((edge) => edge.id));
      const edges = change.edges.filter(
        (edge) => !edgeIds.has(edge.id) && ids.has(edge.source) && ids.has(edge.target),
      );
      return { ...graph, nodes: [...graph.nodes, ...nodes], edges: [...graph.edges, ...edges] };
    }
    case 'remove':
      return removeFromGraph(graph, change.nodeIds, change.edgeIds);
    case 'insert': {
      if (graph.nodes.some((node) => node.id === change.node.id)) return graph;
      const kept = removeFromGraph(graph, [], change.removedEdgeIds);
      return applyChange(kept, { kind: 'add', nodes: [change.node], edges: change.edges });
    }
    case 'move': {
      const byId = new Map(change.positions.map((position) => [position.id, position]));
      return {
        ...graph,
        nodes: graph.nodes.map((node) => {
          const moved = byId.get(node.id);
          return moved ? { ...node, position: { x: moved.x, y: moved.y } } : node;
        }),
      };
    }
    case 'connect': {
      const { edge } = change;
      const duplicate = graph.edges.some(
        (existing) =>
          existing.id === edge.id ||
          (existing.source === edge.source &&
            existing.sourcePort === edge.sourcePort &&
            existing.target === edge.target),
      );
      return duplicate || edge.source === edge.target ? graph : { ...graph, edges: [...graph.edges, edge] };
    }
    case 'set_config':
      return updateNode(graph, change.nodeId, (node) => ({ ...node, config: change.config }));
    case 'set_label':
      return updateNode(graph, change.nodeId, (node) => {
        const { label: _old, ...rest } = node;
        return change.label.trim() ? { ...rest, label: change.label } : rest;
      });
    case 'replace':
      return change.graph;
  }
}

/** Selection that still points at things in the graph. */
function pruneSelection(selection: Selection, graph: FlowGraph): Selection {
  const nodes = new Set(graph.nodes.map((node) => node.id));
  const edges = new Set(graph.edges.map((edge) => edge.id));
  return {
    nodes: selection.nodes.filter((id) => nodes.has(id)),
    edges: selection.edges.filter((id) => edges.has(id)),
  };
}

function withGraph(history: EditorHistory, graph: FlowGraph): EditorState {
  return { graph, selection: pruneSelection(history.present.selection, graph) };
}

function record(history: EditorHistory, before: FlowGraph, after: FlowGraph): EditorHistory {
  if (before === after) return { ...history, present: withGraph(history, after) };
  return {
    past: [...history.past, before].slice(-HISTORY_LIMIT),
    present: withGraph(history, after),
    future: [],
  };
}

function applyEdit(history: EditorHistory, change: FlowChange): EditorHistory {
  const before = history.present.graph;
  const after = applyChange(before, change);
  if (change.kind === 'move' && change.transient) {
    return { ...history, present: withGraph(history, after), dragStart: history.dragStart ?? before };
  }
  const start = history.dragStart ?? before;
  const { dragStart: _done, ...rest } = history;
  return record(rest, start, after);
}

export function editorReducer(history: EditorHistory, action: EditorAction): EditorHistory {
  switch (action.kind) {
    case 'change':
      return applyEdit(history, action.change);
    case 'select':
      return { ...history, present: { ...history.present, selection: action.selection } };
    case 'undo': {
      const previous = history.past.at(-1);
      if (!previous) return history;
      return {
        past: history.past.slice(0, -1),
        present: withGraph(history, previous),
        future: [history.present.graph, ...history.future],
      };
    }
    case 'redo': {
      const [next, ...future] = history.future;
      if (!next) return history;
      return { past: [...history.past, history.present.graph], present: withGraph(history, next), future };
    }
    case 'load':
      return createHistory(action.graph);
  }
}

export function canUndo(history: EditorHistory): boolean {
  return history.past.length > 0;
}

export function canRedo(history: EditorHistory): boolean {
  return history.future.length > 0;
}
