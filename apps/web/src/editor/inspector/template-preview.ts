/**
 * A small, safe stand-in for the engine's Liquid renderer, for a live preview
 * on sample data that reads as the customer will read it: a field with no value
 * shows as nothing (or as its `| default:`), exactly like the engine, and is
 * listed in `missing` so the editor can warn beside the text instead of inside
 * it. It imitates `{{ field }}` with `default` and `mask`, and
 * `{% if field %}` / `elsif` / `else` / `unless` on a single field; anything
 * else (other filters, loops, comparisons) is left out and marks the preview
 * approximate. It never evaluates anything.
 */

export interface TemplatePreview {
  /** The text with the sample data, as the customer would get it. */
  readonly text: string;
  /** Fields the template names that the sample data lacks, in order of appearance. */
  readonly missing: readonly string[];
  /** Set when the template uses something this preview does not imitate; the test run shows the exact text. */
  readonly approximate: boolean;
}

const PATH_RE = /^[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*$/;
const STRING_RE = /^(?:"([^"]*)"|'([^']*)')$/;
const TOKEN_RE = /\{\{-?([\s\S]*?)-?\}\}|\{%-?([\s\S]*?)-?%\}/g;
const VISIBLE_TAIL = 4;

function readPath(data: unknown, path: string): unknown {
  let current: unknown = data;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Liquid's output of a value: nothing for nil, arrays run together. */
function outputText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(outputText).join('');
  return String(value);
}

/** The engine's `mask`: only the last four characters show. */
function mask(value: unknown): string {
  const characters = Array.from(outputText(value));
  const visible = characters.length > VISIBLE_TAIL ? characters.slice(-VISIBLE_TAIL) : [];
  return '*'.repeat(characters.length - visible.length) + visible.join('');
}

/** What Liquid's `default` replaces: nil, false, an empty text or list. */
function isBlank(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === false ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}

class Preview {
  readonly missing: string[] = [];
  approximate = false;
  constructor(private readonly data: object) {}

  field(path: string): unknown {
    const value = readPath(this.data, path);
    if ((value === undefined || value === null) && !this.missing.includes(path)) this.missing.push(path);
    return value;
  }

  /** A literal or a field, as a filter argument. */
  operand(source: string): unknown {
    const literal = STRING_RE.exec(source);
    if (literal) return literal[1] ?? literal[2];
    if (/^-?\d+(?:\.\d+)?$/.test(source)) return Number(source);
    if (PATH_RE.test(source)) return this.field(source);
    this.approximate = true;
    return undefined;
  }

  output(expression: string): string {
    const [head = '', ...filters] = expression.split('|').map((part) => part.trim());
    let value = this.operand(head);
    for (const filter of filters) {
      const colon = filter.indexOf(':');
      const name = (colon === -1 ? filter : filter.slice(0, colon)).trim();
      if (name === 'mask') value = value === undefined || value === null ? value : mask(value);
      else if (name === 'default' && colon !== -1) {
        if (isBlank(value))
          value = this.operand(
            filter
              .slice(colon + 1)
              .split(',')[0]
              ?.trim() ?? '',
          );
      } else this.approximate = true;
    }
    return outputText(value);
  }

  /** `if` truthiness: only nil and false are false in Liquid. */
  condition(source: string): boolean {
    const path = source.trim();
    if (!PATH_RE.test(path)) {
      this.approximate = true;
      return false;
    }
    const value = this.field(path);
    return value !== undefined && value !== null && value !== false;
  }
}

interface Branch {
  readonly kind: 'if' | 'unless';
  /** Whether the enclosing text is shown at all. */
  readonly outerShown: boolean;
  taken: boolean;
  shown: boolean;
}

export function previewTemplate(template: string, data: object): TemplatePreview {
  const preview = new Preview(data);
  const branches: Branch[] = [];
  const shown = () => branches.at(-1)?.shown ?? true;
  let text = '';
  let last = 0;
  for (const match of template.matchAll(TOKEN_RE)) {
    if (shown()) text += template.slice(last, match.index);
    last = match.index + match[0].length;
    if (match[1] !== undefined) {
      // Only what the customer could read is output; a hidden branch adds nothing.
      if (shown()) text += preview.output(match[1]);
      continue;
    }
    const tag = /^\s*(\w+)\s*([\s\S]*?)\s*$/.exec(match[2] ?? '');
    const name = tag?.[1] ?? '';
    const rest = tag?.[2] ?? '';
    const top = branches.at(-1);
    if (name === 'if' || name === 'unless') {
      const outerShown = shown();
      const holds = outerShown ? preview.condition(rest) : false;
      const taken = name === 'if' ? holds : !holds;
      branches.push({ kind: name, outerShown, taken, shown: outerShown && taken });
    } else if (name === 'elsif' && top) {
      const holds = top.outerShown && !top.taken && preview.condition(rest);
      top.shown = holds;
      top.taken ||= holds;
    } else if (name === 'else' && top) {
      top.shown = top.outerShown && !top.taken;
      top.taken = true;
    } else if ((name === 'endif' || name === 'endunless') && top) {
      branches.pop();
    } else {
      preview.approximate = true;
    }
  }
  if (shown()) text += template.slice(last);
  return { text, missing: preview.missing, approximate: preview.approximate };
}

/** The partial placeholder being typed just before the cursor (`{{ cust` → `cust`), if any. */
export function openPlaceholder(textBeforeCursor: string): string | undefined {
  const match = /\{\{\s*([\w.]*)$/.exec(textBeforeCursor);
  return match ? (match[1] ?? '') : undefined;
}

/** Completes the placeholder being typed at `cursor` with `path`; returns the new text and cursor. */
export function insertPlaceholder(
  text: string,
  cursor: number,
  path: string,
): { text: string; cursor: number } {
  const before = text.slice(0, cursor);
  const after = text.slice(cursor);
  const open = /\{\{\s*[\w.]*$/.exec(before);
  const head = open ? before.slice(0, open.index) : before;
  const closing = after.trimStart().startsWith('}}') ? '' : ' }}';
  const inserted = `{{ ${path}${closing}`;
  return { text: head + inserted + after, cursor: head.length + inserted.length };
}
