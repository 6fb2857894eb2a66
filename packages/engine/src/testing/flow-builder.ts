import { type CompiledFlow, compileFlow } from '../compile-flow.ts';
import { type FlowGraphInput, getNodeType } from '../model-imports.ts';

/** Builds small graphs for tests: nodes default to their catalog example config. */
type GraphNode = FlowGraphInput['nodes'][number];
type GraphEdge = FlowGraphInput['edges'][number];

export function node(id: string, type: string, config?: Record<string, unknown>): GraphNode {
  const example = getNodeType(type)?.example as Record<string, unknown> | undefined;
  return { id, type, config: config ?? example ?? {}, position: { x: 0, y: 0 } };
}

/** `edge('a', 'next', 'b')`: from a's `next` port to b. */
export function edge(source: string, sourcePort: string, target: string): GraphEdge {
  return { id: `${source}-${sourcePort}-${target}`, source, sourcePort, target };
}

export function graph(nodes: GraphNode[], edges: GraphEdge[]): FlowGraphInput {
  return { nodes, edges, settings: { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN', variables: [] } };
}

export function compile(nodes: GraphNode[], edges: GraphEdge[], version = 1): CompiledFlow {
  return compileFlow({ flowId: 'flow-test', version, graph: graph(nodes, edges) });
}

export const REQUEST_TRIGGER = node('trigger', 'trigger.request_received', {});

export function vipCondition(id = 'vip', level = 3) {
  return node(id, 'logic.condition', {
    mode: 'rules',
    rules: {
      kind: 'group',
      combinator: 'all',
      children: [{ kind: 'rule', field: 'customer.vipLevel', operator: 'gte', value: level }],
    },
  });
}
