import { type FlowEdge, type FlowGraph, type FlowNode, getNodeType, NODE_TYPES } from '@flowdesk/model';
import { newNodeId } from './clipboard.ts';
import type { FlowChange } from './editor-store.ts';
import { edgeIdFor } from './flow-canvas.ts';
import { defaultConfig, portsOf } from './node-type-info.ts';

/**
 * Wiring a new or existing step into the flow from the canvas: dropping a step
 * on a line, dragging an output into empty space, the "+" buttons and the
 * keyboard's "Connect to…" list. Pure, so the rules are tested without a browser.
 */

export interface Point {
  x: number;
  y: number;
}

/** An output of a step: where a new line starts. */
export interface OutputRef {
  nodeId: string;
  port: string;
}

/** What a "+" or a drag asks the step picker to do with the step the user chooses. */
export type InsertRequest =
  | { kind: 'split'; edgeId: string; position: Point }
  | { kind: 'connect'; from: OutputRef; position: Point };

/** Whether a step of this type takes a line in: every type except triggers. */
export function hasInput(type: string): boolean {
  const definition = getNodeType(type);
  return definition !== undefined && definition.category !== 'trigger';
}

/** The output a step continues on when it is put into a line: `next` where it has one, else its first. */
export function defaultOutputOf(type: string, config: unknown): string | undefined {
  const ports = portsOf(type, config);
  return (ports.find((port) => port.id === 'next') ?? ports[0])?.id;
}

/** Step types a picker may offer: a split line needs an input and an output, a new line only an input. */
export function insertableTypes(request: InsertRequest): string[] {
  return NODE_TYPES.filter(
    (definition) =>
      hasInput(definition.type) &&
      (request.kind === 'connect' ||
        defaultOutputOf(definition.type, defaultConfig(definition.type)) !== undefined),
  ).map((definition) => definition.type);
}

function snapped(point: Point, grid: number): Point {
  return { x: Math.round(point.x / grid) * grid, y: Math.round(point.y / grid) * grid };
}

function newNode(graph: FlowGraph, type: string, position: Point, grid: number): FlowNode {
  const id = newNodeId(type, new Set(graph.nodes.map((node) => node.id)));
  return { id, type, config: defaultConfig(type), position: snapped(position, grid) };
}

function edge(source: string, sourcePort: string, target: string): FlowEdge {
  return { id: edgeIdFor(source, sourcePort, target), source, sourcePort, target };
}

/**
 * A new step put into a line: source → new step (first input) → target (on the
 * step's default output), the old line gone. Undefined when the line is unknown
 * or the step cannot sit in a line (a trigger has no input, an end no output).
 */
export function splitEdge(
  graph: FlowGraph,
  edgeId: string,
  type: string,
  position: Point,
  grid = 16,
): { change: FlowChange; nodeId: string } | undefined {
  const line = graph.edges.find((candidate) => candidate.id === edgeId);
  if (!line || !hasInput(type)) return undefined;
  const node = newNode(graph, type, position, grid);
  const output = defaultOutputOf(type, node.config);
  if (!output) return undefined;
  return {
    nodeId: node.id,
    change: {
      kind: 'insert',
      node,
      edges: [edge(line.source, line.sourcePort, node.id), edge(node.id, output, line.target)],
      removedEdgeIds: [line.id],
    },
  };
}

/** A new step at `position` with a line from `from` into it; undefined for a trigger or an unknown output step. */
export function connectNewStep(
  graph: FlowGraph,
  from: OutputRef,
  type: string,
  position: Point,
  grid = 16,
): { change: FlowChange; nodeId: string } | undefined {
  if (!hasInput(type) || !graph.nodes.some((node) => node.id === from.nodeId)) return undefined;
  const node = newNode(graph, type, position, grid);
  return {
    nodeId: node.id,
    change: { kind: 'insert', node, edges: [edge(from.nodeId, from.port, node.id)], removedEdgeIds: [] },
  };
}

/** The line from an output to an existing step, as a change; undefined when it would loop onto itself. */
export function connectExisting(from: OutputRef, targetId: string): FlowChange | undefined {
  if (from.nodeId === targetId) return undefined;
  return { kind: 'connect', edge: edge(from.nodeId, from.port, targetId) };
}

/**
 * The steps an output can be connected to, for the keyboard's "Connect to…"
 * list: every other step with an input that this output does not reach yet,
 * in the order they stand on the canvas (left to right, then top to bottom).
 */
export function connectTargets(graph: FlowGraph, from: OutputRef): FlowNode[] {
  const reached = new Set(
    graph.edges
      .filter((line) => line.source === from.nodeId && line.sourcePort === from.port)
      .map((line) => line.target),
  );
  return graph.nodes
    .filter((node) => node.id !== from.nodeId && hasInput(node.type) && !reached.has(node.id))
    .sort((a, b) => a.position.x - b.position.x || a.position.y - b.position.y);
}
