// @vitest-environment happy-dom
import { categoryLabel, getNodeType, type Locale } from '@flowdesk/model';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig, portsOf } from './node-type-info.ts';

afterEach(() => {
  document.documentElement.lang = '';
});

/** The categories' names as a reader of `locale` sees them (a new step names them in both languages). */
function categoryLabels(config: Record<string, unknown>, locale: Locale): string[] {
  return (config.categories as Array<{ id: string; label: unknown }>).map((category) =>
    categoryLabel(category, locale),
  );
}

describe('a new step from the palette', () => {
  it('starts a Classify step with categories named in both languages, keywords in both', () => {
    const english = defaultConfig('logic.classify', 'en');
    expect(categoryLabels(english, 'en')).toEqual(['Order status', 'Returns']);
    expect(categoryLabels(english, 'zh-CN')).toEqual(['订单状态', '退换货']);
    expect(portsOf('logic.classify', english).map((port) => port.label.en)).toContain('Order status');
    expect(portsOf('logic.classify', english).map((port) => port.label['zh-CN'])).toContain('订单状态');
    expect(categoryLabels(defaultConfig('logic.classify', 'zh-CN'), 'zh-CN')).toEqual(['订单状态', '退换货']);
    const keywords = (english.categories as Array<{ keywords: string[] }>)[0]?.keywords;
    expect(keywords).toEqual(expect.arrayContaining(['物流', 'shipping']));
    expect(getNodeType('logic.classify')?.configSchema.safeParse(english).success).toBe(true);
  });

  it('follows the interface language when the caller does not name one', () => {
    document.documentElement.lang = 'en';
    expect(categoryLabels(defaultConfig('logic.classify'), 'en')).toEqual(['Order status', 'Returns']);
    document.documentElement.lang = 'zh-CN';
    expect(categoryLabels(defaultConfig('logic.classify'), 'zh-CN')).toEqual(['订单状态', '退换货']);
    // Types without texts of their own start from the catalog's example.
    expect(defaultConfig('timing.wait', 'en')).toEqual(getNodeType('timing.wait')?.example);
  });
});
