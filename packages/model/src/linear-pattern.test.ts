import { describe, expect, it } from 'vitest';
import { checkPattern, MAX_MATCH_INPUT, testPattern } from './linear-pattern.ts';

function compiled(source: string) {
  const check = checkPattern(source);
  if (!check.ok) throw new Error(`expected ${source} to compile, got ${check.reason}`);
  return check.pattern;
}

describe('linear-time patterns', () => {
  it('answers a catastrophic-backtracking pattern at once', () => {
    const pattern = compiled('^(a+)+$');
    const started = performance.now();
    expect(testPattern(pattern, `${'a'.repeat(30)}!`)).toBe(false);
    expect(testPattern(pattern, 'a'.repeat(30))).toBe(true);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('refuses backreferences and lookaround with the reason RE2 gives', () => {
    for (const source of ['(a)\\1', '(?=x)', '(?!x)y', '(?<=x)y', '(?<!x)y']) {
      const check = checkPattern(source);
      expect(check.ok, source).toBe(false);
      expect(check.ok ? '' : check.reason).toBe('unsupported');
    }
  });

  it('refuses patterns over 200 characters and repeats that compile too large', () => {
    expect(checkPattern('a'.repeat(201))).toMatchObject({ ok: false, reason: 'too_long' });
    expect(checkPattern('.{1000}.{1000}.{1000}')).toMatchObject({ ok: false, reason: 'too_complex' });
  });

  it('reads JavaScript spellings admins copy, such as \\u escapes for Chinese characters', () => {
    expect(testPattern(compiled('^[\\u4e00-\\u9fa5]+$'), '退货退款')).toBe(true);
    expect(testPattern(compiled('(?<order>\\d{6})'), '订单 123456')).toBe(true);
    expect(testPattern(compiled('^\\p{Script=Han}+$'), '退货')).toBe(true);
    expect(testPattern(compiled('\\\\p{sc=Han}'), '\\p{sc=Han}')).toBe(true);
  });

  it('matches only the first 10,000 characters of a longer text', () => {
    const pattern = compiled('z');
    expect(testPattern(pattern, `${'a'.repeat(MAX_MATCH_INPUT)}z`)).toBe(false);
    expect(testPattern(pattern, `${'a'.repeat(MAX_MATCH_INPUT - 1)}z`)).toBe(true);
  });
});
