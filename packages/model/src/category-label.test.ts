import { describe, expect, it } from 'vitest';
import { getNodeType } from './catalog/node-catalog.ts';
import { categoryLabel, categoryLabelText, classifyCategoriesOf } from './category-label.ts';
import { validateNodeConfig } from './lint/config-validation.ts';
import { lintFlow } from './lint/lint-flow.ts';
import { condition, edge, flow, node } from './lint/lint-test-kit.ts';

const ORDER_STATUS = { id: 'order_status', label: { 'zh-CN': '订单状态', en: 'Order status' } };

describe('categoryLabel', () => {
  it('gives a bilingual category’s name in the reader’s language', () => {
    expect(categoryLabel(ORDER_STATUS, 'en')).toBe('Order status');
    expect(categoryLabel(ORDER_STATUS, 'zh-CN')).toBe('订单状态');
  });

  it('reads a label saved before names were bilingual as the name in every language', () => {
    expect(categoryLabelText({ id: 'returns', label: '退换货' })).toEqual({
      'zh-CN': '退换货',
      en: '退换货',
    });
  });

  it('falls back to the other language, then to the id', () => {
    expect(categoryLabel({ id: 'billing', label: { 'zh-CN': '账单', en: ' ' } }, 'en')).toBe('账单');
    expect(categoryLabel({ id: 'billing', label: { 'zh-CN': '', en: '' } }, 'zh-CN')).toBe('billing');
    expect(categoryLabel({ id: 'billing' }, 'en')).toBe('billing');
    expect(categoryLabel({ id: 'billing', label: 42 }, 'en')).toBe('billing');
  });

  it('collects the Classify steps’ categories once each, in both languages', () => {
    const nodes = [
      { type: 'trigger.request_received', config: {} },
      { type: 'logic.classify', config: { categories: [ORDER_STATUS, { id: 'returns', label: '退换货' }] } },
      { type: 'logic.classify', config: { categories: [{ id: 'order_status', label: 'Other name' }] } },
    ];
    expect(classifyCategoriesOf(nodes)).toEqual([
      { id: 'order_status', label: { 'zh-CN': '订单状态', en: 'Order status' } },
      { id: 'returns', label: { 'zh-CN': '退换货', en: '退换货' } },
    ]);
  });
});

describe('the Classify step’s category names', () => {
  const found = getNodeType('logic.classify');
  if (!found) throw new Error('the catalog has no Classify step');
  const classify = found;
  const withLabel = (label: unknown) => ({ categories: [{ id: 'order_status', label }] });

  it('accepts a name per language and, for older flows, one name', () => {
    expect(validateNodeConfig(classify, withLabel(ORDER_STATUS.label)).ok).toBe(true);
    expect(validateNodeConfig(classify, withLabel('订单状态')).ok).toBe(true);
    expect(validateNodeConfig(classify, withLabel({ 'zh-CN': '订单状态', en: '' })).ok).toBe(true);
  });

  it('refuses a name empty in both languages, too long, or in an unknown language', () => {
    expect(validateNodeConfig(classify, withLabel({ 'zh-CN': '', en: ' ' })).ok).toBe(false);
    expect(validateNodeConfig(classify, withLabel({ 'zh-CN': 'x'.repeat(101), en: 'x' })).ok).toBe(false);
    expect(validateNodeConfig(classify, withLabel({ 'zh-CN': 'a', en: 'b', fr: 'c' })).ok).toBe(false);
    expect(validateNodeConfig(classify, withLabel('')).ok).toBe(false);
  });

  it('names its outputs in each language', () => {
    const ports = classify.outputPorts(classify.configSchema.parse(withLabel(ORDER_STATUS.label)) as never);
    expect(ports[0]?.label).toEqual({ 'zh-CN': '订单状态', en: 'Order status' });
  });

  it('points an English reader at the English name when a rule compares with a label', () => {
    const graph = flow(
      [
        node('start', 'trigger.request_received'),
        node('sort', 'logic.classify', { categories: [ORDER_STATUS] }),
        node('late', 'logic.condition', condition('classification.category', 'equals', 'Order status')),
      ],
      [edge('start', 'next', 'sort'), edge('sort', 'order_status', 'late')],
    );
    const problem = lintFlow(graph).find((found) => found.code === 'category.label_not_id');
    expect(problem?.message.en).toContain('use the category Order status (id `order_status`)');
    expect(problem?.message['zh-CN']).toContain('请改用分类「订单状态」');
  });
});
