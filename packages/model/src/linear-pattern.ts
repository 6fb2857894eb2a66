import { RE2JS } from 're2js';

/**
 * Patterns admins write (the rule builder's `matches`, CEL's `.matches()`) run
 * with RE2 semantics: matching time grows linearly with the input, so no
 * pattern and no customer message can freeze the server the way a
 * backtracking `RegExp` does with `^(a+)+$` against `aaaa…!`. The price is
 * that backreferences (`\1`) and lookaround (`(?=…)`, `(?<!…)`) are refused,
 * which lint reports before a flow can be published.
 *
 * We use `re2js` rather than the `re2` native binding: it is pure JavaScript
 * (no native build on install, in Docker or on an admin's laptop), it keeps
 * RE2's linear-time guarantee, and it also runs in the browser, where the
 * editor lints the same patterns with this same module.
 */
export const MAX_PATTERN_LENGTH = 200;
/** Only this many characters of a text are matched; longer texts are cut to it first. */
export const MAX_MATCH_INPUT = 10_000;
/** Compiled RE2 instructions; repeats such as `\p{L}{500}` blow a short pattern up. */
export const MAX_PATTERN_PROGRAM = 2_000;

export type PatternCheck =
  | { readonly ok: true; readonly pattern: RE2JS }
  | { readonly ok: false; readonly reason: 'too_long' | 'too_complex' }
  | { readonly ok: false; readonly reason: 'unsupported'; readonly detail: string };

/** `\p{Script=Han}` (JavaScript) is `\p{Han}` in RE2; an escaped backslash before it is left alone. */
const SCRIPT_PROPERTY = /(?<!\\)((?:\\\\)*)\\([pP])\{(?:Script|sc)=([A-Za-z_]+)\}/g;

function toRe2Syntax(source: string): string {
  return RE2JS.translateRegExp(source.replace(SCRIPT_PROPERTY, '$1\\$2{$3}'));
}

const COMPILED = new Map<string, PatternCheck>();
const MAX_CACHED = 1000;

function compile(source: string): PatternCheck {
  if (source.length > MAX_PATTERN_LENGTH) return { ok: false, reason: 'too_long' };
  try {
    // Admins copy patterns written for JavaScript (`[\u4e00-\u9fa5]`, `(?<name>…)`); translate their spelling.
    const pattern = RE2JS.compile(toRe2Syntax(source));
    if (pattern.programSize() > MAX_PATTERN_PROGRAM) return { ok: false, reason: 'too_complex' };
    return { ok: true, pattern };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: 'unsupported', detail: detail.replace(/^error parsing regexp: /, '') };
  }
}

/** Compiles a pattern once; the answer says why a refused pattern was refused. */
export function checkPattern(source: string): PatternCheck {
  let check = COMPILED.get(source);
  if (!check) {
    check = compile(source);
    if (COMPILED.size >= MAX_CACHED) COMPILED.clear();
    COMPILED.set(source, check);
  }
  return check;
}

export function isValidPattern(source: string): boolean {
  return checkPattern(source).ok;
}

/** The work a match costs: characters read × instructions, what the evaluation budget counts. */
export function matchCost(pattern: RE2JS, input: string): number {
  return Math.min(input.length, MAX_MATCH_INPUT) * Math.max(pattern.programSize(), 1);
}

/** Whether the pattern occurs anywhere in the first MAX_MATCH_INPUT characters of `input`. */
export function testPattern(pattern: RE2JS, input: string): boolean {
  return pattern.test(input.length > MAX_MATCH_INPUT ? input.slice(0, MAX_MATCH_INPUT) : input);
}
