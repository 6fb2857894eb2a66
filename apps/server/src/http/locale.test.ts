import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage } from './locale.ts';

describe('localeFromAcceptLanguage', () => {
  it('reads any Chinese variant as zh-CN and everything else as English', () => {
    expect(localeFromAcceptLanguage('zh-CN,zh;q=0.9')).toBe('zh-CN');
    expect(localeFromAcceptLanguage('zh-Hant-TW')).toBe('zh-CN');
    expect(localeFromAcceptLanguage('fr-FR,fr;q=0.9')).toBe('en');
    expect(localeFromAcceptLanguage(undefined)).toBe('en');
  });

  it('follows the quality values, not the order', () => {
    expect(localeFromAcceptLanguage('en;q=0.4, zh;q=0.8')).toBe('zh-CN');
    expect(localeFromAcceptLanguage('zh;q=0, en')).toBe('en');
  });
});
