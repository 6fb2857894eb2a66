import { pathsInExpression } from './references.ts';

/**
 * Which fields a template shows as they are, so that a field with no value
 * leaves a gap in the text (`您好 ，…`). A use is not counted when the admin
 * planned for the empty case:
 * - `{{ customer.name | default: "顾客" }}`: any `default` with a literal
 *   fallback; a field as fallback (`| default: request.message`) is listed
 *   with the use, which is empty only when the fallback is empty too;
 * - inside `{% if customer.name %}…{% endif %}` (or `elsif`), or in the
 *   `{% else %}` of `{% unless customer.name %}`: the branch only runs when
 *   a field its condition names has a value.
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
  /** Paths the condition names (for `unless`: the ones its `else` may rely on). */
  readonly condition: readonly string[];
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

/** The field an output shows and its field fallbacks; undefined when it has a literal fallback or shows no field. */
function shownField(expression: string, locals: ReadonlySet<string>): ShownField | undefined {
  const [head = '', ...filters] = splitOutsideQuotes(expression, '|').map((part) => part.trim());
  if (!isField(head, locals)) return undefined;
  const fallbacks: string[] = [];
  for (const filter of filters) {
    const colon = filter.indexOf(':');
    const name = (colon === -1 ? filter : filter.slice(0, colon)).trim();
    if (name !== 'default' || colon === -1) continue;
    const fallback = (splitOutsideQuotes(filter.slice(colon + 1), ',')[0] ?? '').trim();
    if (LITERAL_RE.test(fallback) || !isField(fallback, locals)) return undefined;
    fallbacks.push(fallback);
  }
  return { path: head, fallbacks };
}

function isGuarded(path: string, blocks: readonly Block[]): boolean {
  return blocks.some((block) => block.guarded.includes(path));
}

/** Applies one `{% tag %}` to the open blocks and the template's local names. */
function applyTag(name: string, rest: string, blocks: Block[], locals: Set<string>): void {
  const condition = () => pathsInExpression(rest, locals);
  const top = blocks[blocks.length - 1];
  switch (name) {
    case 'if':
      blocks.push({ kind: 'if', condition: [], guarded: condition() });
      return;
    case 'unless':
      blocks.push({ kind: 'unless', condition: condition(), guarded: [] });
      return;
    case 'elsif':
      if (top) top.guarded = condition();
      return;
    case 'else':
      if (top) top.guarded = top.kind === 'unless' ? top.condition : [];
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
      blocks.push({ kind: name, condition: [], guarded: [] });
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
