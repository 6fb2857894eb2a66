import { engineMessage } from './engine-messages.ts';
import {
  type AnyNodeType,
  type FlowGraphInput,
  FlowGraphSchema,
  type FlowSettings,
  getNodeType,
  message,
  type NodeCategory,
  type Problem,
  validateNodeConfig,
} from './model-imports.ts';

/**
 * A published version made ready to run: configs parsed once (defaults
 * applied), edges indexed by (source, port). The runtime caches one per
 * version, so nothing here is re-validated on each step.
 */
export interface CompiledNode {
  readonly id: string;
  readonly type: string;
  readonly category: NodeCategory;
  readonly definition: AnyNodeType;
  readonly config: Record<string, unknown>;
  /** Output port ids this node may take, from the catalog. */
  readonly ports: ReadonlySet<string>;
}

export interface CompiledFlow {
  readonly flowId: string;
  readonly version: number;
  readonly settings: FlowSettings;
  readonly nodes: ReadonlyMap<string, CompiledNode>;
  /** source node id → port → target node id. */
  readonly edges: ReadonlyMap<string, ReadonlyMap<string, string>>;
  readonly trigger: CompiledNode;
}

export interface FlowVersionLike {
  readonly flowId: string;
  readonly version: number;
  readonly graph: FlowGraphInput;
}

/** The version cannot run at all; `problems` say what to fix, like the linter would. */
export class FlowCompileError extends Error {
  readonly code = 'engine.flow_unrunnable';
  readonly problems: readonly Problem[];

  constructor(flow: string, problems: readonly Problem[]) {
    super(engineMessage('engine.flow_unrunnable', { flow, count: problems.length }).en);
    this.name = 'FlowCompileError';
    this.problems = problems;
  }
}

function error(problem: Omit<Problem, 'severity'>): Problem {
  return { ...problem, severity: 'error' };
}

/** Compiled configs are shared by every execution of the version (and sent in commands), so none may change. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

function compileNodes(graph: ReturnType<typeof FlowGraphSchema.parse>, problems: Problem[]) {
  const nodes = new Map<string, CompiledNode>();
  for (const node of graph.nodes) {
    if (nodes.has(node.id)) {
      problems.push(
        error({
          code: 'node.duplicate_id',
          nodeId: node.id,
          message: message('node.duplicate_id', { id: node.id }),
        }),
      );
      continue;
    }
    const definition = getNodeType(node.type);
    if (!definition) {
      problems.push(
        error({
          code: 'node.unknown_type',
          nodeId: node.id,
          message: message('node.unknown_type', { type: node.type }),
        }),
      );
      continue;
    }
    const check = validateNodeConfig(definition, node.config);
    if (!check.ok) {
      for (const problem of check.problems) {
        problems.push(
          error({
            code: 'node.invalid_config',
            nodeId: node.id,
            field: problem.field,
            message: problem.message,
          }),
        );
      }
      continue;
    }
    const config = deepFreeze(check.config as Record<string, unknown>);
    const ports = new Set(definition.outputPorts(config).map((port) => port.id));
    nodes.set(node.id, {
      id: node.id,
      type: node.type,
      category: definition.category,
      definition,
      config,
      ports,
    });
  }
  return nodes;
}

function indexEdges(
  graph: ReturnType<typeof FlowGraphSchema.parse>,
  nodeIds: ReadonlySet<string>,
  problems: Problem[],
) {
  const edges = new Map<string, Map<string, string>>();
  for (const edge of graph.edges) {
    const missing = [edge.source, edge.target].find((id) => !nodeIds.has(id));
    if (missing !== undefined) {
      problems.push(
        error({
          code: 'edge.dangling',
          edgeId: edge.id,
          message: message('edge.dangling', { edge: edge.id, node: missing }),
        }),
      );
      continue;
    }
    const ports = edges.get(edge.source) ?? new Map<string, string>();
    // The linter forbids fan-out; should one slip through, the first edge wins, always the same one.
    if (!ports.has(edge.sourcePort)) ports.set(edge.sourcePort, edge.target);
    edges.set(edge.source, ports);
  }
  return edges;
}

/**
 * Compiles a version for running. Throws FlowCompileError when a node has an
 * unknown type or an invalid config, an edge dangles, or there is not exactly
 * one trigger. Other lint findings (unreachable nodes, loops without a wait)
 * do not stop it: the engine stays safe on them by itself.
 */
export function compileFlow(version: FlowVersionLike): CompiledFlow {
  const label = `${version.flowId}@${version.version}`;
  const parsed = FlowGraphSchema.safeParse(version.graph);
  if (!parsed.success) {
    const detail = parsed.error.issues[0]?.message ?? '';
    throw new FlowCompileError(label, [
      error({
        code: 'flow.not_a_flow',
        message: message('flow.not_a_flow', { detailZh: detail, detailEn: detail }),
      }),
    ]);
  }
  const graph = parsed.data;
  const problems: Problem[] = [];
  const nodes = compileNodes(graph, problems);
  const allIds = new Set(graph.nodes.map((node) => node.id));
  const edges = indexEdges(graph, allIds, problems);
  const triggers = [...nodes.values()].filter((node) => node.category === 'trigger');
  if (triggers.length === 0 && problems.length === 0) {
    problems.push(error({ code: 'flow.no_trigger', message: message('flow.no_trigger') }));
  }
  if (triggers.length > 1) {
    problems.push(
      error({
        code: 'flow.multiple_triggers',
        message: message('flow.multiple_triggers', { count: triggers.length }),
      }),
    );
  }
  const trigger = triggers[0];
  if (problems.length > 0 || !trigger) throw new FlowCompileError(label, problems);
  return {
    flowId: version.flowId,
    version: version.version,
    settings: graph.settings,
    nodes,
    edges,
    trigger,
  };
}

export function edgeTarget(flow: CompiledFlow, nodeId: string, port: string): string | undefined {
  return flow.edges.get(nodeId)?.get(port);
}
