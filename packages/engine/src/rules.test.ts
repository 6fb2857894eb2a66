import { describe, expect, it } from 'vitest';
import type { RuleGroup } from './model-imports.ts';
import { evaluateRuleGroup, MAX_MATCH_INPUT, testOperator } from './rules.ts';

describe('rule operators', () => {
  it.each([
    ['equals', 'VIP', 'vip', true],
    ['equals', 3, '3', true],
    ['equals', '3.0', 3, true],
    ['equals', true, 'true', true],
    ['equals', undefined, 'x', false],
    ['equals', ['new', 'vip'], 'VIP', true],
    ['not_equals', undefined, 'x', true],
    ['not_equals', 'gold', 'Gold', false],
    ['in', 'High', ['urgent', 'high'], true],
    ['in', 'low', ['urgent', 'high'], false],
    ['contains', '我要退货，谢谢', '退货', true],
    ['contains', 'Refund please', 'REFUND', true],
    ['contains', ['a', 'B'], 'b', true],
    ['contains', null, 'x', false],
    ['starts_with', 'ORD-1234', 'ord-', true],
    ['starts_with', 1234, '12', true],
    ['gt', 5, 3, true],
    ['gt', '5', 3, true],
    ['gte', 3, 3, true],
    ['lt', 'abc', 3, false],
    ['lte', undefined, 3, false],
    ['gt', '2026-03-02T10:00:00Z', '2026-03-02', true],
    ['lt', '2026-01-31', '2026-02-01T00:00:00+08:00', true],
    ['gt', 'not a date', '2026-01-01', false],
    ['is_empty', undefined, undefined, true],
    ['is_empty', null, undefined, true],
    ['is_empty', '  ', undefined, true],
    ['is_empty', [], undefined, true],
    ['is_empty', 0, undefined, false],
    ['is_not_empty', 'x', undefined, true],
    ['matches', 'ORD-2026-0001', '^ORD-\\d{4}-\\d{4}$', true],
    ['matches', '订单号 123', '\\p{Script=Han}+', true],
    ['matches', 'Order', '^order$', false],
    ['matches', undefined, '.*', false],
  ] as const)('%s(%j, %j) is %s', (operator, field, value, expected) => {
    expect(testOperator(operator, field, value as never)).toBe(expected);
  });

  it('looks at no more than the first 10,000 characters for a pattern', () => {
    const long = `${'a'.repeat(MAX_MATCH_INPUT)}END`;
    expect(testOperator('matches', long, 'END')).toBe(false);
    expect(testOperator('matches', long, '^a+$')).toBe(true);
  });
});

describe('rule groups', () => {
  const rule = (field: string, operator: 'equals' | 'gte', value: string | number) =>
    ({ kind: 'rule', field, operator, value }) as const;
  const data = { customer: { vipLevel: 4, name: 'Ann' }, ticket: { priority: 'low' } };

  it('combines with all, any and not, nested', () => {
    const vip = rule('customer.vipLevel', 'gte', 3);
    const urgent = rule('ticket.priority', 'equals', 'urgent');
    const group = (combinator: RuleGroup['combinator'], ...children: RuleGroup['children']): RuleGroup => ({
      kind: 'group',
      combinator,
      children,
    });
    expect(evaluateRuleGroup(group('all', vip, urgent), data)).toBe(false);
    expect(evaluateRuleGroup(group('any', vip, urgent), data)).toBe(true);
    expect(evaluateRuleGroup(group('not', urgent), data)).toBe(true);
    expect(evaluateRuleGroup(group('all', vip, group('not', urgent)), data)).toBe(true);
  });

  it('records each field it read, for the trace', () => {
    const seen: { field: string; value: unknown }[] = [];
    evaluateRuleGroup(
      { kind: 'group', combinator: 'all', children: [rule('customer.name', 'equals', 'ann')] },
      data,
      seen,
    );
    expect(seen).toEqual([{ field: 'customer.name', value: 'Ann' }]);
  });

  it('cannot reach prototype properties through a field path', () => {
    const seen: { field: string; value: unknown }[] = [];
    const group: RuleGroup = {
      kind: 'group',
      combinator: 'all',
      children: [{ kind: 'rule', field: 'customer.constructor', operator: 'is_empty' }],
    };
    expect(evaluateRuleGroup(group, data, seen)).toBe(true);
    expect(seen[0]?.value).toBeUndefined();
  });
});
