import type { LintContext } from '../lint-context.ts';
import { message } from '../messages.ts';
import type { Problem } from '../problem.ts';

/**
 * Nodes no path from the trigger leads to never run. When one connection is
 * missing (a step was deleted), everything after it is cut off too; that is
 * one thing to fix, so it is one problem: on the first cut-off node of each
 * group, saying how many steps follow it, rather than one per node.
 */
export function lintUnreachable(context: LintContext): Problem[] {
  if (context.triggerIds.length === 0) return [];
  const cutOff = [...context.nodesById.keys()].filter((nodeId) => !context.reachable.has(nodeId));
  if (cutOff.length === 0) return [];
  const fedFromCutOff = new Set(
    context.usableEdges
      .filter((edge) => edge.source !== edge.target && !context.reachable.has(edge.source))
      .map((edge) => edge.target),
  );
  // Heads first (nothing cut off leads into them), in the graph's order; a group that is only a loop starts anywhere.
  const heads = [
    ...cutOff.filter((nodeId) => !fedFromCutOff.has(nodeId)),
    ...cutOff.filter((nodeId) => fedFromCutOff.has(nodeId)),
  ];
  const claimed = new Set<string>();
  const problems: Problem[] = [];
  for (const head of heads) {
    if (claimed.has(head)) continue;
    const group = followers(head, context, claimed);
    problems.push({
      code: 'node.unreachable',
      severity: 'warning',
      nodeId: head,
      message: message('node.unreachable', { following: group }),
    });
  }
  return problems;
}

/** Claims `head` and the cut-off nodes after it nobody claimed yet; returns how many follow it. */
function followers(head: string, context: LintContext, claimed: Set<string>): number {
  claimed.add(head);
  const queue = [head];
  let count = 0;
  while (queue.length > 0) {
    const id = queue.shift() as string;
    for (const next of context.successors.get(id) ?? []) {
      if (claimed.has(next) || context.reachable.has(next)) continue;
      claimed.add(next);
      count += 1;
      queue.push(next);
    }
  }
  return count;
}
