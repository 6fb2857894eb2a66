import { createEvaluationBudget, type EvaluationBudget, matchWithinBudget } from './evaluation-budget.ts';
import { readField } from './field-path.ts';
import type { Rule, RuleGroup, RuleOperator, Scalar } from './model-imports.ts';

export { MAX_MATCH_INPUT } from './model-imports.ts';

/**
 * The visual rule builder's semantics, chosen for people who are not
 * programmers:
 * - Text compares without regard to case ("VIP" equals "vip"); `matches` is the
 *   exception, since a pattern says exactly what it wants.
 * - A number and a text that is a number compare as numbers ("3" equals 3).
 * - Ordering works on numbers and on ISO dates (`2026-01-31`, `…T08:00:00Z`);
 *   anything else, including a missing field, is simply not greater or less.
 * - A missing field equals nothing, contains nothing and matches nothing, so
 *   `not_equals` holds for it; `is_empty` holds for missing, null, blank text,
 *   an empty list and an empty object.
 * - On a list field (tags), equals / in / contains ask whether any item fits.
 */

type RuleValue = Rule['value'];

const NUMERIC_RE = /^\s*-?\d+(\.\d+)?\s*$/;
const ISO_DATE_RE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && NUMERIC_RE.test(value)) return Number(value);
  return undefined;
}

function asInstant(value: unknown): number | undefined {
  if (typeof value !== 'string' || !ISO_DATE_RE.test(value.trim())) return undefined;
  const ms = Date.parse(value.trim());
  return Number.isNaN(ms) ? undefined : ms;
}

function scalarEquals(field: unknown, value: Scalar): boolean {
  if (field === undefined || field === null) return false;
  const fieldNumber = asNumber(field);
  const valueNumber = asNumber(value);
  if (fieldNumber !== undefined && valueNumber !== undefined) return fieldNumber === valueNumber;
  if (typeof field === 'object') return false;
  return String(field).toLowerCase() === String(value).toLowerCase();
}

/** For a list field, whether any item satisfies the test; otherwise the test on the field itself. */
function anyItem(field: unknown, test: (item: unknown) => boolean): boolean {
  return Array.isArray(field) ? field.some(test) : test(field);
}

function compareOrder(field: unknown, value: Scalar): number | undefined {
  const valueNumber = asNumber(value);
  if (valueNumber !== undefined) {
    const fieldNumber = asNumber(field);
    return fieldNumber === undefined ? undefined : fieldNumber - valueNumber;
  }
  const valueInstant = asInstant(value);
  const fieldInstant = asInstant(field);
  if (valueInstant === undefined || fieldInstant === undefined) return undefined;
  return fieldInstant - valueInstant;
}

export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

function single(value: RuleValue): Scalar | undefined {
  return Array.isArray(value) ? undefined : value;
}

function textOf(field: unknown): string | undefined {
  if (typeof field === 'string') return field;
  if (typeof field === 'number' || typeof field === 'boolean') return String(field);
  return undefined;
}

/**
 * Whether `field` satisfies `operator value`. `matches` runs with RE2 semantics
 * on the first 10,000 characters and is charged to `budget`; it throws
 * PatternRefusedError on a pattern the schema should have refused and
 * BudgetExceededError when the step has matched too much.
 */
export function testOperator(
  operator: RuleOperator,
  field: unknown,
  value: RuleValue,
  budget: EvaluationBudget = createEvaluationBudget(),
): boolean {
  const one = single(value);
  switch (operator) {
    case 'equals':
      return one !== undefined && anyItem(field, (item) => scalarEquals(item, one));
    case 'not_equals':
      return !(one !== undefined && anyItem(field, (item) => scalarEquals(item, one)));
    case 'in': {
      const options = Array.isArray(value) ? value : one === undefined ? [] : [one];
      return anyItem(field, (item) => options.some((option) => scalarEquals(item, option)));
    }
    case 'contains': {
      if (one === undefined) return false;
      if (Array.isArray(field)) return field.some((item) => scalarEquals(item, one));
      const haystack = textOf(field);
      if (haystack === undefined) return false;
      return haystack.toLowerCase().includes(String(one).toLowerCase());
    }
    case 'starts_with': {
      const haystack = textOf(field);
      if (one === undefined || haystack === undefined) return false;
      return haystack.toLowerCase().startsWith(String(one).toLowerCase());
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const order = one === undefined ? undefined : compareOrder(field, one);
      if (order === undefined) return false;
      if (operator === 'gt') return order > 0;
      if (operator === 'gte') return order >= 0;
      if (operator === 'lt') return order < 0;
      return order <= 0;
    }
    case 'is_empty':
      return isEmptyValue(field);
    case 'is_not_empty':
      return !isEmptyValue(field);
    case 'matches': {
      const haystack = textOf(field);
      if (haystack === undefined || typeof one !== 'string') return false;
      return matchWithinBudget(budget, one, haystack);
    }
    default: {
      const unknownOperator: never = operator;
      throw new Error(`Unknown rule operator ${String(unknownOperator)}`);
    }
  }
}

export interface RuleTrace {
  readonly field: string;
  readonly value: unknown;
}

/** Evaluates a rule group; `seen` collects the fields read, for the step trace. */
export function evaluateRuleGroup(
  group: RuleGroup,
  data: unknown,
  seen: RuleTrace[] = [],
  budget: EvaluationBudget = createEvaluationBudget(),
): boolean {
  const results = group.children.map((child) => {
    if (child.kind === 'group') return evaluateRuleGroup(child, data, seen, budget);
    const field = readField(data, child.field);
    seen.push({ field: child.field, value: field });
    return testOperator(child.operator, field, child.value, budget);
  });
  switch (group.combinator) {
    case 'all':
      return results.every(Boolean);
    case 'any':
      return results.some(Boolean);
    case 'not':
      return !results.some(Boolean);
    default: {
      const unknownCombinator: never = group.combinator;
      throw new Error(`Unknown combinator ${String(unknownCombinator)}`);
    }
  }
}
