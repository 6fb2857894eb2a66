import { pathsInExpression } from './references.ts';

/**
 * Which fields a template shows as they are, so that a field with no value
 * leaves a gap in the text (`您好 ，…`). A use is not counted when the admin
 * planned for the empty case:
 * - `{{ customer.name | default: "顾客" }}`: a `default` with a literal
 *   fallback that is not empty, reached while the value is still empty (only
 *   filters like `mask` or `strip` before it); a field as fallback
 *   (`| default: request.message`) is listed with the use, which is empty only
 *   when the fallback is empty too;
 * - in a branch that only runs when the field has a value: `{% if a %}`,
 *   `{% if a and b %}`, `{% if a != blank %}`, `{% unless a == blank %}`, the
 *   `{% else %}` of `{% unless a %}` or of `{% if a == blank %}`. A condition
 *   with `or` guarantees nothing.
 * Like scanTemplate this reads the text without evaluating it.
 */

const PATH_ONLY_RE = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const LITERAL_RE = /^(?:"[^"]*"|'[^']*'|-?\d+(?:\.\d+)?|true|false|nil|null|empty|blank)$/;
const BLOCK_ENDS: Readonly<Record<string, string>> = {
  endif: 'if',
  endunless: 'unless',
  endcase: 'case',
  endfor: 'for',
  endcapture: 'capture',
  endtablerow: 'tablerow',
};

interface Block {
  readonly kind: string;
  /** The block's condition as written (`if` and `unless`; elsif branches do not change it). */
  readonly condition: string;
  /** Paths known to have a value in the current branch. */
  guarded: readonly string[];
}

/** Splits at `separator` outside quotes: `a | default: "x|y"` → `a `, ` default: "x|y"`. */
function splitOutsideQuotes(source: string, separator: string): string[] {
  const parts: string[] = [];
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === separator) {
      parts.push(source.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(source.slice(start));
  return parts;
}

/** A field a template shows as it is. */
export interface ShownField {
  readonly path: string;
  /** Fields given as `| default:` fallbacks: the text is empty only when they are empty too. */
  readonly fallbacks: readonly string[];
}

/** Keywords and loop or assign variables are not data fields. */
function isField(path: string, locals: ReadonlySet<string>): boolean {
  return PATH_ONLY_RE.test(path) && pathsInExpression(path, locals)[0] === path;
}

/** Literals that render as nothing: a `default` with one of these is no fallback. */
const EMPTY_LITERAL_RE = /^(?:"\s*"|'\s*'|nil|null|empty|blank|false)$/;

/**
 * Filters that keep an empty value empty, so a `default` after them still sees
 * it empty and steps in. Any other filter (`append`, `prepend`, `size`…) may
 * turn it into text first, and the `default` after it never applies.
 */
const KEEP_EMPTY: ReadonlySet<string> = new Set([
  'mask',
  'upcase',
  'downcase',
  'capitalize',
  'strip',
  'lstrip',
  'rstrip',
  'strip_html',
  'strip_newlines',
  'newline_to_br',
  'escape',
  'escape_once',
  'xml_escape',
  'url_encode',
  'url_decode',
  'truncate',
  'truncatewords',
  'remove',
  'remove_first',
  'remove_last',
  'replace',
  'replace_first',
  'replace_last',
  'slice',
]);

/** The field an output shows and its field fallbacks; undefined when it has a literal fallback or shows no field. */
function shownField(expression: string, locals: ReadonlySet<string>): ShownField | undefined {
  const [head = '', ...filters] = splitOutsideQuotes(expression, '|').map((part) => part.trim());
  if (!isField(head, locals)) return undefined;
  const fallbacks: string[] = [];
  for (const filter of filters) {
    const colon = filter.indexOf(':');
    const name = (colon === -1 ? filter : filter.slice(0, colon)).trim();
    if (name !== 'default') {
      // From here on the value may be text even when the field is empty: no later default counts.
      if (!KEEP_EMPTY.has(name)) break;
      continue;
    }
    if (colon === -1) continue;
    const fallback = (splitOutsideQuotes(filter.slice(colon + 1), ',')[0] ?? '').trim();
    if (EMPTY_LITERAL_RE.test(fallback)) continue;
    if (LITERAL_RE.test(fallback) || !isField(fallback, locals)) return undefined;
    fallbacks.push(fallback);
  }
  return { path: head, fallbacks };
}

function isGuarded(path: string, blocks: readonly Block[]): boolean {
  return blocks.some((block) => block.guarded.includes(path));
}

/** Comparands that stand for "no value". */
const NO_VALUE_RE = /^(?:nil|null|blank|empty|""|'')$/;

/** A field alone, or compared so that the comparison only holds with a value (`!= blank`, `== "x"`, `contains "x"`). */
function presentIn(term: string, locals: ReadonlySet<string>): string | undefined {
  const match = /^(\S+)(?:\s*(==|!=|<>|contains)\s*(\S.*))?$/s.exec(term.trim());
  const path = match?.[1] ?? '';
  if (!match || !isField(path, locals)) return undefined;
  const [, , operator, other = ''] = match;
  if (operator === undefined) return path;
  const empty = NO_VALUE_RE.test(other.trim());
  if (operator === '!=' || operator === '<>') return empty ? path : undefined;
  return !empty && LITERAL_RE.test(other.trim()) ? path : undefined;
}

/** A field tested for having no value (`== blank`, `== nil`…): when the test is false, it has one. */
function absentIn(term: string, locals: ReadonlySet<string>): string | undefined {
  const match = /^(\S+)\s*==\s*(\S+)$/.exec(term.trim());
  const path = match?.[1] ?? '';
  return match && isField(path, locals) && NO_VALUE_RE.test(match[2] ?? '') ? path : undefined;
}

/**
 * Fields that have a value whenever `condition` holds. Liquid has no
 * parentheses and binds `and` and `or` alike, so a condition with an `or`
 * guarantees nothing: either side may be the one that held.
 */
function presentWhenTrue(condition: string, locals: ReadonlySet<string>): string[] {
  if (/\sor\s/.test(condition)) return [];
  return condition.split(/\sand\s/).flatMap((term) => presentIn(term, locals) ?? []);
}

/** Fields that have a value whenever `condition` does not hold: each `or`-ed emptiness test is false. */
function presentWhenFalse(condition: string, locals: ReadonlySet<string>): string[] {
  if (/\sand\s/.test(condition)) return [];
  return condition.split(/\sor\s/).flatMap((term) => absentIn(term, locals) ?? []);
}

/** Applies one `{% tag %}` to the open blocks and the template's local names. */
function applyTag(name: string, rest: string, blocks: Block[], locals: Set<string>): void {
  const top = blocks[blocks.length - 1];
  switch (name) {
    case 'if':
      blocks.push({ kind: 'if', condition: rest, guarded: presentWhenTrue(rest, locals) });
      return;
    case 'unless':
      blocks.push({ kind: 'unless', condition: rest, guarded: presentWhenFalse(rest, locals) });
      return;
    case 'elsif':
      if (top) top.guarded = presentWhenTrue(rest, locals);
      return;
    case 'else':
      if (top) {
        top.guarded =
          top.kind === 'unless'
            ? presentWhenTrue(top.condition, locals)
            : top.kind === 'if'
              ? presentWhenFalse(top.condition, locals)
              : [];
      }
      return;
    case 'when':
      if (top) top.guarded = [];
      return;
    case 'case':
    case 'for':
    case 'tablerow':
    case 'capture': {
      const declared = /^(\w+)/.exec(rest.trim())?.[1];
      if (name !== 'case' && declared) locals.add(declared);
      blocks.push({ kind: name, condition: '', guarded: [] });
      return;
    }
    case 'assign': {
      const declared = /^(\w+)/.exec(rest.trim())?.[1];
      if (declared) locals.add(declared);
      return;
    }
    default: {
      const opened = BLOCK_ENDS[name];
      if (opened && top?.kind === opened) blocks.pop();
    }
  }
}

/** Fields `template` shows as they are, without a literal fallback or an `if` around them; repeats kept. */
export function unguardedOutputs(template: string): ShownField[] {
  const shown: ShownField[] = [];
  const blocks: Block[] = [];
  const locals = new Set<string>();
  const record = (expression: string) => {
    const field = shownField(expression, locals);
    if (field !== undefined && !isGuarded(field.path, blocks)) shown.push(field);
  };
  let i = 0;
  while (i < template.length) {
    const open = template.slice(i).search(/\{\{|\{%/);
    if (open === -1) break;
    const start = i + open;
    const isTag = template[start + 1] === '%';
    const close = template.indexOf(isTag ? '%}' : '}}', start + 2);
    if (close === -1) break;
    const body = template.slice(start + 2, close).replace(/^-|-$/g, '');
    i = close + 2;
    if (!isTag) {
      record(body);
      continue;
    }
    const tag = /^\s*(\w+)\s*(.*)$/s.exec(body);
    const name = tag?.[1] ?? '';
    const rest = tag?.[2] ?? '';
    if (name === 'raw' || name === 'comment') {
      const end = template.indexOf(`end${name}`, close);
      i = end === -1 ? template.length : end;
      continue;
    }
    if (name === 'echo') record(rest);
    else applyTag(name, rest, blocks, locals);
  }
  return shown;
}
