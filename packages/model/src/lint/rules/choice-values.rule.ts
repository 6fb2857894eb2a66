import type { LintContext } from '../lint-context.ts';
import { message } from '../messages.ts';
import type { Problem } from '../problem.ts';
import { comparisonsOf, fieldInfo } from './compared-references.rule.ts';

/**
 * A rule that compares a field with a fixed set of values (a ticket's status
 * or priority, the channel, the customer's language) with something outside
 * that set never holds: `ticket.status equals "Closed"` (the label) where the
 * status is `closed`. Conditions, switch cases and trigger entry conditions
 * alike; no workspace is needed, the values are FlowDesk's own.
 */
export function lintChoiceValues(context: LintContext): Problem[] {
  const problems: Problem[] = [];
  for (const [nodeId, definition] of context.definitions) {
    const config = context.configs.get(nodeId);
    if (config === undefined) continue;
    for (const comparison of comparisonsOf(definition.type, definition.category, config)) {
      const values = fieldInfo(comparison.field)?.values;
      if (!values || comparison.value === '' || values.includes(comparison.value)) continue;
      problems.push({
        code: 'rule.unknown_value',
        severity: 'error',
        nodeId,
        field: comparison.at,
        message: message('rule.unknown_value', {
          value: comparison.value,
          field: comparison.field,
          values: values.join(', '),
        }),
      });
    }
  }
  return problems;
}
