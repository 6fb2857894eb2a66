import type { FieldType, LocalizedText, RuleOperator } from '@flowdesk/model';
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

/** The comparison as the verb of a sentence ("the VIP level is at least 3"), not as a dropdown label. */
const SENTENCE_OPERATORS: Record<RuleOperator, LocalizedText> = {
  equals: { 'zh-CN': '是', en: 'is' },
  not_equals: { 'zh-CN': '不是', en: 'is not' },
  in: { 'zh-CN': '属于', en: 'is one of' },
  contains: { 'zh-CN': '包含', en: 'contains' },
  starts_with: { 'zh-CN': '开头是', en: 'starts with' },
  gt: { 'zh-CN': '大于', en: 'is more than' },
  gte: { 'zh-CN': '至少为', en: 'is at least' },
  lt: { 'zh-CN': '小于', en: 'is less than' },
  lte: { 'zh-CN': '至多为', en: 'is at most' },
  is_empty: { 'zh-CN': '为空', en: 'is empty' },
  is_not_empty: { 'zh-CN': '不为空', en: 'is not empty' },
  matches: { 'zh-CN': '符合模式', en: 'matches the pattern' },
};

/** Times are compared as before and after, not as more and less. */
const SENTENCE_TIME_OPERATORS: Partial<Record<RuleOperator, LocalizedText>> = {
  gt: { 'zh-CN': '晚于', en: 'is after' },
  gte: { 'zh-CN': '不早于', en: 'is on or after' },
  lt: { 'zh-CN': '早于', en: 'is before' },
  lte: { 'zh-CN': '不晚于', en: 'is on or before' },
};

export function sentenceOperator(operator: RuleOperator, type: FieldType | undefined): LocalizedText {
  return (
    (type === 'datetime' ? SENTENCE_TIME_OPERATORS[operator] : undefined) ?? SENTENCE_OPERATORS[operator]
  );
}
