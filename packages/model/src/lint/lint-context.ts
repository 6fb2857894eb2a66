import type { AnyNodeType, Port } from '../catalog/catalog.types.ts';
import { getNodeType } from '../catalog/node-catalog.ts';
import type { FlowEdge, FlowGraph, FlowNode } from '../flow-graph.schema.ts';
import { validateNodeConfig } from './config-validation.ts';
import { message } from './messages.ts';
import type { Problem } from './problem.ts';

/** What every lint rule needs to know about a flow, computed once. */
export interface LintContext {
  readonly graph: FlowGraph;
  readonly nodesById: ReadonlyMap<string, FlowNode>;
  /** Known node types only. */
  readonly definitions: ReadonlyMap<string, AnyNodeType>;
  /** Parsed configs (defaults applied) of nodes whose config is valid. */
  readonly configs: ReadonlyMap<string, unknown>;
  /** Output ports of nodes whose config is valid. */
  readonly ports: ReadonlyMap<string, readonly Port[]>;
  readonly triggerIds: readonly string[];
  /** Edges whose two ends exist, whose port exists and which do not lead into a trigger. */
  readonly usableEdges: readonly FlowEdge[];
  readonly successors: ReadonlyMap<string, readonly string[]>;
  readonly reachable: ReadonlySet<string>;
}

export interface Built {
  readonly context: LintContext;
  /** Problems found while building: node types, configs, duplicate ids. */
  readonly problems: Problem[];
}

export function buildLintContext(graph: FlowGraph): Built {
  const problems: Problem[] = [];
  const nodesById = new Map<string, FlowNode>();
  const definitions = new Map<string, AnyNodeType>();
  const configs = new Map<string, unknown>();
  const ports = new Map<string, readonly Port[]>();

  for (const node of graph.nodes) {
    if (nodesById.has(node.id)) {
      problems.push({
        code: 'node.duplicate_id',
        severity: 'error',
        nodeId: node.id,
        message: message('node.duplicate_id', { id: node.id }),
      });
      continue;
    }
    nodesById.set(node.id, node);
    const definition = getNodeType(node.type);
    if (!definition) {
      problems.push({
        code: 'node.unknown_type',
        severity: 'error',
        nodeId: node.id,
        field: 'type',
        message: message('node.unknown_type', { type: node.type }),
      });
      continue;
    }
    definitions.set(node.id, definition);
    const check = validateNodeConfig(definition, node.config);
    if (!check.ok) {
      for (const problem of check.problems) {
        problems.push({ code: 'node.invalid_config', severity: 'error', nodeId: node.id, ...problem });
      }
      continue;
    }
    configs.set(node.id, check.config);
    ports.set(node.id, definition.outputPorts(check.config));
  }

  const triggerIds = [...definitions].filter(([, d]) => d.category === 'trigger').map(([id]) => id);
  const usableEdges = graph.edges.filter((edge) => isUsable(edge, nodesById, definitions, ports));
  const successors = new Map<string, string[]>();
  for (const edge of usableEdges) {
    const list = successors.get(edge.source) ?? [];
    list.push(edge.target);
    successors.set(edge.source, list);
  }
  const reachable = reachableFrom(triggerIds, successors);
  return {
    context: {
      graph,
      nodesById,
      definitions,
      configs,
      ports,
      triggerIds,
      usableEdges,
      successors,
      reachable,
    },
    problems,
  };
}

function isUsable(
  edge: FlowEdge,
  nodesById: ReadonlyMap<string, FlowNode>,
  definitions: ReadonlyMap<string, AnyNodeType>,
  ports: ReadonlyMap<string, readonly Port[]>,
): boolean {
  if (!nodesById.has(edge.source) || !nodesById.has(edge.target)) return false;
  if (definitions.get(edge.target)?.category === 'trigger') return false;
  const sourcePorts = ports.get(edge.source);
  return sourcePorts === undefined || sourcePorts.some((port) => port.id === edge.sourcePort);
}

function reachableFrom(
  starts: readonly string[],
  successors: ReadonlyMap<string, readonly string[]>,
): Set<string> {
  const seen = new Set<string>(starts);
  const queue = [...starts];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    for (const next of successors.get(id) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}
