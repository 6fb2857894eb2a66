import type { SwitchCase } from '../../catalog/logic.catalog.ts';
import type { Scalar } from '../../config-parts.schema.ts';
import type { LintContext } from '../lint-context.ts';
import { message } from '../messages.ts';
import type { Problem } from '../problem.ts';

/**
 * Switch cases are tried in order, so a case that an earlier one already covers
 * can never match. Decided only where it is certain: identical cases, value
 * lists whose every value an earlier case matches, and narrower text or number
 * ranges. Comparisons here are exact, so a reported case is unreachable whatever
 * the engine's text matching.
 */
export function lintSwitchCases(context: LintContext): Problem[] {
  const problems: Problem[] = [];
  for (const [nodeId, definition] of context.definitions) {
    if (definition.type !== 'logic.switch') continue;
    const config = context.configs.get(nodeId) as { cases: SwitchCase[] } | undefined;
    if (!config) continue;
    config.cases.forEach((later, index) => {
      const earlier = config.cases.slice(0, index);
      const by = coveringCases(earlier, later);
      if (by.length === 0) return;
      problems.push({
        code: 'switch.unreachable_case',
        severity: 'warning',
        nodeId,
        field: `config.cases[${index}]`,
        message: message('switch.unreachable_case', {
          case: later.label ?? later.id,
          by: by.map((c) => c.label ?? c.id).join(', '),
        }),
      });
    });
  }
  return problems;
}

/** The earlier cases that together match everything `later` matches, or none if that is not certain. */
function coveringCases(earlier: readonly SwitchCase[], later: SwitchCase): SwitchCase[] {
  if (later.operator === 'equals' || later.operator === 'in') {
    const values = Array.isArray(later.value) ? later.value : [later.value];
    const covering = new Set<SwitchCase>();
    for (const value of values) {
      const hit = earlier.find((candidate) => matchesValue(candidate, value));
      if (!hit) return [];
      covering.add(hit);
    }
    return [...covering];
  }
  const single = earlier.find((candidate) => subsumes(candidate, later));
  return single ? [single] : [];
}

function matchesValue(rule: SwitchCase, value: Scalar): boolean {
  const expected = rule.value;
  switch (rule.operator) {
    case 'equals':
      return expected === value;
    case 'in':
      return Array.isArray(expected) && expected.includes(value);
    case 'contains':
      return typeof value === 'string' && typeof expected === 'string' && value.includes(expected);
    case 'starts_with':
      return typeof value === 'string' && typeof expected === 'string' && value.startsWith(expected);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return (
        typeof value === 'number' && typeof expected === 'number' && compare(rule.operator, value, expected)
      );
    case 'matches':
      return false;
  }
}

function compare(operator: 'gt' | 'gte' | 'lt' | 'lte', value: number, bound: number): boolean {
  switch (operator) {
    case 'gt':
      return value > bound;
    case 'gte':
      return value >= bound;
    case 'lt':
      return value < bound;
    case 'lte':
      return value <= bound;
  }
}

/** Whether every value `later` matches, `earlier` matches too. */
function subsumes(earlier: SwitchCase, later: SwitchCase): boolean {
  if (earlier.operator === later.operator && JSON.stringify(earlier.value) === JSON.stringify(later.value)) {
    return true;
  }
  const a = earlier.value;
  const b = later.value;
  if (typeof a === 'string' && typeof b === 'string') {
    if (
      earlier.operator === 'contains' &&
      (later.operator === 'contains' || later.operator === 'starts_with')
    ) {
      return b.includes(a);
    }
    if (earlier.operator === 'starts_with' && later.operator === 'starts_with') return b.startsWith(a);
  }
  if (typeof a === 'number' && typeof b === 'number') {
    const upward = ['gt', 'gte'];
    const downward = ['lt', 'lte'];
    if (upward.includes(earlier.operator) && upward.includes(later.operator)) {
      return earlier.operator === 'gt' && later.operator === 'gte' ? b > a : b >= a;
    }
    if (downward.includes(earlier.operator) && downward.includes(later.operator)) {
      return earlier.operator === 'lt' && later.operator === 'lte' ? b < a : b <= a;
    }
  }
  return false;
}
