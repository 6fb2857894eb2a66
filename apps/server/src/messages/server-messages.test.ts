import { describe, expect, it } from 'vitest';
import { type CatalogEntry, mergeSections, SERVER_CATALOG, SERVER_SECTIONS } from './server-messages.ts';

/** Calls an entry with a sample for each argument, as its callers pass strings, numbers or params. */
function sampleText(entry: CatalogEntry) {
  if (typeof entry !== 'function') return entry;
  const sample = {
    'zh-CN': '甲',
    en: 'A',
    detail: 'X',
    detailZh: '细节',
    detailEn: 'detail',
    zh: '甲',
    limit: 1,
    toString: () => 'X',
  };
  const args = Array.from({ length: Math.max(entry.length, 1) }, () => sample);
  return (entry as (...args: unknown[]) => ReturnType<Extract<CatalogEntry, () => unknown>>)(...args);
}

describe('server message catalog', () => {
  it.each(Object.keys(SERVER_CATALOG))('%s reads in Chinese and English', (code) => {
    const message = sampleText(SERVER_CATALOG[code] as CatalogEntry);
    expect(message['zh-CN'].trim()).not.toBe('');
    expect(message.en.trim()).not.toBe('');
  });

  it('holds every code of every area once', () => {
    const total = SERVER_SECTIONS.reduce((sum, [, table]) => sum + Object.keys(table).length, 0);
    expect(Object.keys(SERVER_CATALOG)).toHaveLength(total);
    expect(SERVER_CATALOG['runtime.activity_crashed']).toBeTypeOf('function');
    expect(SERVER_CATALOG['cli.validate.emptyFile']).toEqual(SERVER_SECTIONS[5][1].emptyFile);
  });

  it('refuses a code given twice', () => {
    expect(() =>
      mergeSections([
        ['', { not_found: { 'zh-CN': '甲', en: 'A' } }],
        ['', { not_found: { 'zh-CN': '乙', en: 'B' } }],
      ]),
    ).toThrow('message code not_found is defined twice');
  });
});
