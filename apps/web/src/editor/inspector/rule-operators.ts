import type { FieldType, RuleOperator } from '@flowdesk/model';
import { VALUELESS_OPERATORS } from '@flowdesk/model';

/** Which comparisons make sense for a field of each type, most useful first. */
const OPERATORS_BY_TYPE: Record<FieldType, readonly RuleOperator[]> = {
  number: ['gte', 'gt', 'lte', 'lt', 'equals', 'not_equals', 'in', 'is_empty', 'is_not_empty'],
  datetime: ['gt', 'gte', 'lt', 'lte', 'is_empty', 'is_not_empty'],
  text: ['equals', 'not_equals', 'contains', 'starts_with', 'in', 'matches', 'is_empty', 'is_not_empty'],
  choice: ['equals', 'not_equals', 'in', 'is_empty', 'is_not_empty'],
  boolean: ['equals', 'not_equals'],
  list: ['contains', 'is_empty', 'is_not_empty'],
  object: ['is_empty', 'is_not_empty', 'equals', 'contains'],
};

export function operatorsFor(type: FieldType | undefined): readonly RuleOperator[] {
  return OPERATORS_BY_TYPE[type ?? 'text'];
}

export function takesValue(operator: RuleOperator): boolean {
  return !VALUELESS_OPERATORS.includes(operator);
}

type Scalar = string | number | boolean;

/** Turns what was typed into the value the rule stores: numbers for number fields, lists for `in`. */
export function parseRuleValue(
  raw: string,
  type: FieldType | undefined,
  operator: RuleOperator,
): Scalar | Scalar[] {
  const one = (text: string): Scalar => {
    const trimmed = text.trim();
    if ((type === 'number' || ['gt', 'gte', 'lt', 'lte'].includes(operator)) && trimmed !== '') {
      const number = Number(trimmed);
      if (!Number.isNaN(number) && type !== 'datetime') return number;
    }
    if (type === 'boolean') return trimmed === 'true';
    return trimmed;
  };
  if (operator === 'in') {
    return raw
      .split(/[,，]/)
      .map((part) => part.trim())
      .filter(Boolean)
      .map(one);
  }
  return one(raw);
}

export function formatRuleValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(', ');
  return value === undefined || value === null ? '' : String(value);
}
