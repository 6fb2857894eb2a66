/**
 * Finds the data fields that templates and expressions name, without evaluating
 * them: the linter only needs the paths. Liquid loop and assign variables are
 * local names, not fields. String literals are skipped.
 */

const PATH_RE = /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/y;

/** Words of Liquid and CEL that are not field names. */
const KEYWORDS = new Set([
  'true',
  'false',
  'null',
  'nil',
  'empty',
  'blank',
  'and',
  'or',
  'not',
  'in',
  'contains',
  'if',
  'elsif',
  'else',
  'endif',
  'unless',
  'endunless',
  'for',
  'endfor',
  'case',
  'when',
  'endcase',
  'assign',
  'capture',
  'endcapture',
  'raw',
  'endraw',
  'comment',
  'endcomment',
  'limit',
  'offset',
  'reversed',
  'forloop',
  'size',
  'first',
  'last',
]);

/** Paths named in a piece of expression code (a Liquid tag body or a CEL expression). */
export function pathsInExpression(source: string, locals: ReadonlySet<string> = new Set()): string[] {
  const paths: string[] = [];
  let i = 0;
  let afterPipe = false;
  while (i < source.length) {
    const ch = source[i] as string;
    if (ch === '"' || ch === "'") {
      const end = source.indexOf(ch, i + 1);
      i = end === -1 ? source.length : end + 1;
      continue;
    }
    if (ch === '|') {
      // `||` is CEL's "or"; a single `|` starts a Liquid filter.
      const isOr = source[i + 1] === '|';
      afterPipe = !isOr;
      i += isOr ? 2 : 1;
      continue;
    }
    if (/[A-Za-z_]/.test(ch) && (i === 0 || !/[A-Za-z0-9_.]/.test(source[i - 1] as string))) {
      PATH_RE.lastIndex = i;
      const match = PATH_RE.exec(source);
      const path = match?.[0] ?? ch;
      i += path.length;
      const isCall = /^\s*\(/.test(source.slice(i, i + 8));
      const isFilterName = afterPipe;
      const isFilterArgName = /^\s*:/.test(source.slice(i, i + 4));
      afterPipe = false;
      // `request.message.contains(...)`: a method call on a field names the field.
      const named = isCall ? path.split('.').slice(0, -1).join('.') : path;
      const root = named.split('.')[0] as string;
      if (!named || isFilterName || isFilterArgName || KEYWORDS.has(root) || locals.has(root)) {
        continue;
      }
      paths.push(named);
      continue;
    }
    if (!/\s/.test(ch)) afterPipe = false;
    i++;
  }
  return paths;
}

export interface TemplateScan {
  paths: string[];
  /** Set when a `{{` or `{%` is never closed. */
  unclosedAt?: number;
}

/** Paths named by `{{ … }}` outputs and `{% … %}` tags of a Liquid-style template. */
export function scanTemplate(template: string): TemplateScan {
  const paths: string[] = [];
  const locals = new Set<string>();
  let i = 0;
  while (i < template.length) {
    const open = template.slice(i).search(/\{\{|\{%/);
    if (open === -1) break;
    const start = i + open;
    const isTag = template[start + 1] === '%';
    const close = template.indexOf(isTag ? '%}' : '}}', start + 2);
    if (close === -1) return { paths, unclosedAt: start };
    const body = template.slice(start + 2, close).replace(/^-|-$/g, '');
    if (isTag) {
      const tag = /^\s*(\w+)\s*(.*)$/s.exec(body);
      const name = tag?.[1] ?? '';
      const rest = tag?.[2] ?? '';
      if (name === 'raw' || name === 'comment') {
        const end = template.indexOf(`end${name}`, close);
        i = end === -1 ? template.length : end;
        continue;
      }
      const declared = /^(\w+)\s*(?:=|in\b)/.exec(rest);
      if ((name === 'assign' || name === 'for' || name === 'capture') && declared) {
        locals.add(declared[1] as string);
        paths.push(...pathsInExpression(rest.slice(declared[0].length), locals));
      } else if (name === 'capture') {
        locals.add(rest.trim());
      } else {
        paths.push(...pathsInExpression(rest, locals));
      }
    } else {
      paths.push(...pathsInExpression(body, locals));
    }
    i = close + 2;
  }
  return { paths };
}
