import type { LintContext } from '../lint-context.ts';
import { message } from '../messages.ts';
import type { Problem } from '../problem.ts';

/** Edges must join existing nodes through existing ports, once, and never fan out. */
export function lintEdges(context: LintContext): Problem[] {
  const problems: Problem[] = [];
  const seenIds = new Set<string>();
  const seenConnections = new Set<string>();
  const targetsByPort = new Map<string, string[]>();

  for (const edge of context.graph.edges) {
    const at = { edgeId: edge.id, nodeId: edge.source };
    if (seenIds.has(edge.id)) {
      problems.push({
        code: 'edge.duplicate_id',
        severity: 'error',
        ...at,
        message: message('edge.duplicate_id', { id: edge.id }),
      });
    }
    seenIds.add(edge.id);

    const missingEnd = !context.nodesById.has(edge.source)
      ? 'source'
      : !context.nodesById.has(edge.target)
        ? 'target'
        : undefined;
    if (missingEnd) {
      problems.push({
        code: 'edge.dangling',
        severity: 'error',
        edgeId: edge.id,
        field: missingEnd,
        message: message('edge.dangling', { edge: edge.id, node: edge[missingEnd] }),
      });
      continue;
    }
    if (context.definitions.get(edge.target)?.category === 'trigger') {
      problems.push({
        code: 'edge.into_trigger',
        severity: 'error',
        ...at,
        field: 'target',
        message: message('edge.into_trigger'),
      });
    }
    const ports = context.ports.get(edge.source);
    if (ports && !ports.some((port) => port.id === edge.sourcePort)) {
      problems.push({
        code: 'edge.unknown_port',
        severity: 'error',
        ...at,
        field: 'sourcePort',
        message: message('edge.unknown_port', { port: edge.sourcePort }),
      });
    }
    const connection = `${edge.source}\u0000${edge.sourcePort}\u0000${edge.target}`;
    if (seenConnections.has(connection)) {
      problems.push({ code: 'edge.duplicate', severity: 'error', ...at, message: message('edge.duplicate') });
      continue;
    }
    seenConnections.add(connection);
    const portKey = `${edge.source}\u0000${edge.sourcePort}`;
    const targets = targetsByPort.get(portKey) ?? [];
    targets.push(edge.target);
    targetsByPort.set(portKey, targets);
    if (targets.length === 2) {
      const port = ports?.find((candidate) => candidate.id === edge.sourcePort);
      problems.push({
        code: 'port.fan_out',
        severity: 'error',
        ...at,
        message: message('port.fan_out', {
          portZh: port?.label['zh-CN'] ?? edge.sourcePort,
          portEn: port?.label.en ?? edge.sourcePort,
        }),
      });
    }
  }
  return problems;
}
