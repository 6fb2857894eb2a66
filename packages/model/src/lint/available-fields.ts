import type { FlowGraph } from '../flow-graph.schema.ts';
import { buildLintContext } from './lint-context.ts';
import { fieldProvidersBefore } from './rules/field-references.rule.ts';

/**
 * What a step can read, as the linter works it out: each source (`request`,
 * `classification`) or variable (`variables.isVip`) available before the step,
 * with the ids of the steps before it that provide it. Undefined when no
 * trigger leads to the step yet, so anything may still come before it.
 */
export function fieldsAvailableAt(
  graph: FlowGraph,
  nodeId: string,
): ReadonlyMap<string, ReadonlySet<string>> | undefined {
  const { context } = buildLintContext(graph);
  return fieldProvidersBefore(context).get(nodeId);
}
