import type { LintContext } from '../lint-context.ts';
import { message } from '../messages.ts';
import type { Problem } from '../problem.ts';

/** Outputs that must (error) or should (warning) lead somewhere, on nodes that can run. */
export function lintUnconnectedPorts(context: LintContext): Problem[] {
  const connected = new Set(context.usableEdges.map((edge) => `${edge.source}\u0000${edge.sourcePort}`));
  const problems: Problem[] = [];
  for (const [nodeId, ports] of context.ports) {
    if (!context.reachable.has(nodeId)) continue;
    for (const port of ports) {
      if (port.requirement === 'optional' || connected.has(`${nodeId}\u0000${port.id}`)) continue;
      problems.push({
        code: 'port.unconnected',
        severity: port.requirement === 'required' ? 'error' : 'warning',
        nodeId,
        field: `ports.${port.id}`,
        message: message('port.unconnected', { portZh: port.label['zh-CN'], portEn: port.label.en }),
      });
    }
  }
  return problems;
}
