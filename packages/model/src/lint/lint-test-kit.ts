import { getNodeType } from '../catalog/node-catalog.ts';
import type { FlowEdge, FlowGraph, FlowNode } from '../flow-graph.schema.ts';

/** Builds small flows for tests: nodes default to their catalog example config. */
export function node(id: string, type: string, config?: Record<string, unknown>): FlowNode {
  const example = getNodeType(type)?.example as Record<string, unknown> | undefined;
  return { id, type, config: config ?? structuredClone(example ?? {}), position: { x: 0, y: 0 } };
}

export function edge(source: string, sourcePort: string, target: string, id?: string): FlowEdge {
  return { id: id ?? `${source}-${sourcePort}-${target}`, source, sourcePort, target };
}

export function flow(nodes: FlowNode[], edges: FlowEdge[] = []): FlowGraph {
  return { nodes, edges, settings: { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN', variables: [] } };
}

export function condition(field: string, operator: string, value?: unknown): Record<string, unknown> {
  return {
    mode: 'rules',
    rules: { kind: 'group', combinator: 'all', children: [{ kind: 'rule', field, operator, value }] },
  };
}
