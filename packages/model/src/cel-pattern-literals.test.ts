import { describe, expect, it } from 'vitest';
import { celPatternLiterals } from './cel-pattern-literals.ts';

const patterns = (expression: string) => celPatternLiterals(expression).map((literal) => literal.pattern);

describe('pattern literals in CEL expressions', () => {
  it('finds each .matches("…") literal with its escapes decoded', () => {
    expect(patterns('request.message.matches("^(a+)+$") && customer.name.matches(\'(a)\\\\1\')')).toEqual([
      '^(a+)+$',
      '(a)\\1',
    ]);
  });

  it('keeps backslashes of raw strings and reads triple quotes and unicode escapes', () => {
    expect(patterns('x.matches(r"\\d+") || x.matches("""a"b""") || x.matches("\\u4e2d")')).toEqual([
      '\\d+',
      'a"b',
      '中',
    ]);
  });

  it('ignores patterns built at run time, text inside strings and comments', () => {
    expect(patterns('x.matches("a" + y)')).toEqual([]);
    expect(patterns('x == ".matches(\\"(?=x)\\")"')).toEqual([]);
    expect(patterns('// x.matches("(?=x)")\ntrue')).toEqual([]);
    expect(patterns('matches("(?=x)")')).toEqual([]);
  });
});
