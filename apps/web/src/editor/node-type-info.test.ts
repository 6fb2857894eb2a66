// @vitest-environment happy-dom
import { getNodeType } from '@flowdesk/model';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig, portsOf } from './node-type-info.ts';

afterEach(() => {
  document.documentElement.lang = '';
});

function categoryLabels(config: Record<string, unknown>): string[] {
  return (config.categories as Array<{ label: string }>).map((category) => category.label);
}

describe('a new step from the palette', () => {
  it('starts a Classify step with categories named in the admin’s language, keywords in both', () => {
    const english = defaultConfig('logic.classify', 'en');
    expect(categoryLabels(english)).toEqual(['Order status', 'Returns']);
    expect(portsOf('logic.classify', english).map((port) => port.label.en)).toContain('Order status');
    expect(categoryLabels(defaultConfig('logic.classify', 'zh-CN'))).toEqual(['订单状态', '退换货']);
    const keywords = (english.categories as Array<{ keywords: string[] }>)[0]?.keywords;
    expect(keywords).toEqual(expect.arrayContaining(['物流', 'shipping']));
    expect(getNodeType('logic.classify')?.configSchema.safeParse(english).success).toBe(true);
  });

  it('follows the interface language when the caller does not name one', () => {
    document.documentElement.lang = 'en';
    expect(categoryLabels(defaultConfig('logic.classify'))).toEqual(['Order status', 'Returns']);
    document.documentElement.lang = 'zh-CN';
    expect(categoryLabels(defaultConfig('logic.classify'))).toEqual(['订单状态', '退换货']);
    // Types without texts of their own start from the catalog's example.
    expect(defaultConfig('timing.wait', 'en')).toEqual(getNodeType('timing.wait')?.example);
  });
});
