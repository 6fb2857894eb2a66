import { describe, expect, it } from 'vitest';
import { hanWords, latinWords, normalizeText, tokenize } from './tokenizer.ts';

describe('tokenize', () => {
  it('gives Chinese synonyms one shared concept feature when asked, and none by default', () => {
    const revoke = tokenize('刚才那单帮我撤销', { synonyms: true });
    const voided = tokenize('这单作废吧', { synonyms: true });
    expect(revoke).toContain('s:cancel');
    expect(voided).toContain('s:cancel');
    expect(tokenize('这单作废吧', { synonyms: true }).filter((f) => f.startsWith('s:'))).toEqual([
      's:cancel',
    ]);
    expect(tokenize('这单作废吧').some((feature) => feature.startsWith('s:'))).toBe(false);
    expect(tokenize('主轴有异响', { synonyms: true })).toContain('s:noise');
    expect(tokenize('where is my order', { synonyms: true }).some((f) => f.startsWith('s:'))).toBe(false);
  });

  it('cuts Chinese into segmenter words, single characters and character bigrams', () => {
    const features = tokenize('我的快递到哪了');
    expect(hanWords(normalizeText('我的快递到哪了'))).toContain('快递');
    expect(features).toContain('h:快递');
    expect(features).toContain('u:递');
    expect(features).toContain('k:快递');
    expect(features).toContain('k:递到');
    expect(features.some((feature) => feature.startsWith('w:'))).toBe(false);
  });

  it('lower-cases English words, drops punctuation and adds word bigrams and 3–5 character n-grams', () => {
    const features = tokenize('Cancel my ORDER, please!');
    expect(latinWords(normalizeText('Cancel my ORDER, please!'))).toEqual([
      'cancel',
      'my',
      'order',
      'please',
    ]);
    expect(features).toContain('w:order');
    expect(features).toContain('b:cancel my');
    expect(features).toContain('c:<ca');
    expect(features).toContain('c:order');
    expect(features).toContain('c:der>');
    // n-grams stay inside words: nothing spans "my order".
    expect(features.some((feature) => feature.startsWith('c:') && feature.includes(' '))).toBe(false);
    expect(
      features.filter((feature) => feature.startsWith('c:')).every((f) => [3, 4, 5].includes(f.length - 2)),
    ).toBe(true);
  });

  it('turns digits into <num> so order numbers do not become vocabulary', () => {
    expect(latinWords('order 20261115008 ref a12b')).toEqual(['order', '<num>', 'ref', 'a<num>b']);
    expect(tokenize('order 123')).toEqual(tokenize('order 98765'));
  });

  it('ignores emoji and folds full-width letters and apostrophes', () => {
    expect(tokenize('refund 😡😡')).toEqual(tokenize('refund'));
    expect(tokenize('ＲＥＦＵＮＤ')).toEqual(tokenize('refund'));
    expect(latinWords("I don't know")).toEqual(['I', 'dont', 'know']);
  });

  it('handles mixed Chinese and English in one message', () => {
    const features = tokenize('where is my order? 已经一周了');
    expect(features).toContain('w:order');
    expect(features).toContain('h:已经');
    expect(features).toContain('k:一周');
    // English words are not fused with the Chinese that follows them.
    expect(features).not.toContain('b:order 已经');
  });

  it('gives nothing for text without words', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('!!! 🙂 ...')).toEqual([]);
  });
});
