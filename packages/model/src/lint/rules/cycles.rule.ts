import type { LintContext } from '../lint-context.ts';
import { message } from '../messages.ts';
import type { Problem } from '../problem.ts';

/**
 * A loop must pass through a waiting node; otherwise it spins without ever
 * handing control back (the engine's step limit would stop it at run time).
 */
export function lintCycles(context: LintContext): Problem[] {
  const problems: Problem[] = [];
  for (const component of stronglyConnectedComponents(context)) {
    const [first] = component;
    if (first === undefined) continue;
    const isLoop = component.length > 1 || (context.successors.get(first) ?? []).includes(first);
    if (!isLoop) continue;
    if (component.some((id) => context.definitions.get(id)?.waits)) continue;
    problems.push({
      code: 'flow.cycle_without_wait',
      severity: 'error',
      nodeId: first,
      message: message('flow.cycle_without_wait', { nodes: component.join(' → ') }),
    });
  }
  return problems;
}

/** Tarjan's algorithm, iterative so a long chain cannot overflow the stack. Components in graph order. */
function stronglyConnectedComponents(context: LintContext): string[][] {
  const order = [...context.nodesById.keys()];
  const position = new Map(order.map((id, i) => [id, i]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;

  for (const root of order) {
    if (index.has(root)) continue;
    const work: Array<{ id: string; next: number }> = [{ id: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { id: string; next: number };
      const successors = context.successors.get(frame.id) ?? [];
      if (frame.next < successors.length) {
        const next = successors[frame.next++] as string;
        if (!index.has(next)) {
          index.set(next, counter);
          low.set(next, counter++);
          stack.push(next);
          onStack.add(next);
          work.push({ id: next, next: 0 });
        } else if (onStack.has(next)) {
          low.set(frame.id, Math.min(low.get(frame.id) as number, index.get(next) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id) as number, low.get(frame.id) as number));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let member: string | undefined;
        do {
          member = stack.pop() as string;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.id);
        components.push(component.sort((a, b) => (position.get(a) as number) - (position.get(b) as number)));
      }
    }
  }
  return components;
}
