import { describe, expect, it } from 'vitest';
import { nodeSummary } from './node-summary.ts';

describe('a Switch card’s summary', () => {
  it('names the field it branches on by label, never by path, with the number of cases', () => {
    const config = {
      field: 'classification.category',
      cases: [{ id: 'complaints', operator: 'equals', value: 'complaint' }],
    };
    expect(nodeSummary('logic.switch', config, 'en')).toBe('By the category, 1 case');
    expect(
      nodeSummary(
        'logic.switch',
        {
          ...config,
          field: 'customer.vipLevel',
          cases: [...config.cases, { id: 'b', operator: 'gte', value: 3 }],
        },
        'en',
      ),
    ).toBe("By the customer's VIP level, 2 cases");
    expect(nodeSummary('logic.switch', config, 'zh-CN')).toMatch(/^按 .*分类 分 1 路$/);
    expect(nodeSummary('logic.switch', config, 'en')).not.toContain('classification.category');
  });

  it('says nothing for a Switch whose config does not parse', () => {
    expect(
      nodeSummary('logic.switch', { field: 'classification.category', cases: [] }, 'en'),
    ).toBeUndefined();
  });
});
